package dev.ledger.gateway.http;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads that wait for a read model to catch up with a command (API.md §1 Read-your-writes): {@code ?minVersion=N}, and
 * a resource a command has just created. They wait at most the configured timeout (5 s), then answer 503
 * {@code read-model-behind}. {@link #pollUntil} is the one way the gateway waits for a read model.
 */
@Component
public class ReadYourWrites {

    private static final long POLL_MILLIS = 10;

    private final Duration timeout;

    public ReadYourWrites(@Value("${ledger.read-your-writes.timeout:PT5S}") Duration timeout) {
        this.timeout = timeout;
    }

    /** The read model's view at version {@code minVersion} or later (as it is, without {@code minVersion}). */
    public <T> Optional<T> await(Long minVersion, Supplier<Optional<T>> read, ToLongFunction<T> version) {
        return awaitFrom(read.get(), minVersion, read, version);
    }

    /**
     * As {@link #await}, for a resource that a command may have created a moment ago: when the read model does not
     * show it at all, {@code requireInEventStore} decides from the event store whether it exists for the caller (and
     * throws when it does not), and the read model is then waited for as if {@code minVersion} were at least 1.
     */
    public <T> Optional<T> awaitCreated(Long minVersion, Supplier<Optional<T>> read, ToLongFunction<T> version,
                                        Runnable requireInEventStore) {
        Optional<T> current = read.get();
        if (current.isPresent()) {
            return awaitFrom(current, minVersion, read, version);
        }
        requireInEventStore.run();
        return awaitFrom(current, minVersion == null ? 1L : Math.max(minVersion, 1L), read, version);
    }

    /**
     * Reads every 10 ms until {@code reached} holds for what was read, or {@code within} has passed (or the thread
     * is interrupted); answers the last thing read, reached or not.
     */
    public static <T> Optional<T> pollUntil(Supplier<Optional<T>> read, Predicate<T> reached, Duration within) {
        return pollUntil(read.get(), read, reached, within);
    }

    private <T> Optional<T> awaitFrom(Optional<T> first, Long minVersion, Supplier<Optional<T>> read,
                                      ToLongFunction<T> version) {
        if (minVersion == null) {
            return first;
        }
        Predicate<T> reached = view -> version.applyAsLong(view) >= minVersion;
        Optional<T> last = pollUntil(first, read, reached, timeout);
        if (last.filter(reached).isEmpty()) {
            throw new LedgerException(ErrorCode.READ_MODEL_BEHIND,
                    "the read model has not reached version " + minVersion + " yet; retry shortly",
                    Map.of("minVersion", minVersion));
        }
        return last;
    }

    private static <T> Optional<T> pollUntil(Optional<T> first, Supplier<Optional<T>> read, Predicate<T> reached,
                                             Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<T> last = first;
        while (last.filter(reached).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}
