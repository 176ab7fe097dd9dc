package dev.ledger.gateway.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Whether the database answers, within a bounded time: taking a connection from the pool can wait far longer than a
 * health probe may (API.md §1: health reports DOWN within 5 s of the database becoming unreachable). One check runs at
 * a time; callers meanwhile share it, and a check still hanging past the budget answers "unreachable" at once.
 */
@Component
public class DatabaseReachability implements DisposableBean {

    static final Duration BUDGET = Duration.ofSeconds(3);
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "database-reachability");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<String> check;
    private long checkStartedNanos;

    public DatabaseReachability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The database's product name when it answered within the budget; empty when it did not. */
    public Optional<String> reachable() {
        CompletableFuture<String> current;
        long waitNanos;
        synchronized (this) {
            if (check == null || check.isDone()) {
                checkStartedNanos = System.nanoTime();
                check = CompletableFuture.supplyAsync(this::probe, executor);
            }
            current = check;
            waitNanos = BUDGET.toNanos() - (System.nanoTime() - checkStartedNanos);
        }
        if (waitNanos <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(current.get(waitNanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String probe() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                throw new IllegalStateException("the database did not validate the connection");
            }
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
