package dev.ledger.gateway.http;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ?minVersion=N}: waits (at most the configured timeout, 5 s) until a read model shows version N, so a
 * client reads its own writes; otherwise 503 {@code read-model-behind}.
 */
@Component
public class ReadYourWrites {

    private static final long POLL_MILLIS = 10;

    private final Duration timeout;

    public ReadYourWrites(@Value("${ledger.read-your-writes.timeout:PT5S}") Duration timeout) {
        this.timeout = timeout;
    }

    public <T> Optional<T> await(Long minVersion, Supplier<Optional<T>> read, ToLongFunction<T> version) {
        if (minVersion == null) {
            return read.get();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> current = read.get();
            if (current.isPresent() && version.applyAsLong(current.get()) >= minVersion) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException(ErrorCode.READ_MODEL_BEHIND,
                        "the read model has not reached version " + minVersion + " yet; retry shortly",
                        Map.of("minVersion", minVersion));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException(ErrorCode.READ_MODEL_BEHIND, "interrupted while waiting");
            }
        }
    }
}
