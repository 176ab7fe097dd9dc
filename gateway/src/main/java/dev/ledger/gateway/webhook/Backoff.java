package dev.ledger.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the delay doubles from {@code initialDelay} up to {@code maxDelay}, each
 * one spread by a random factor between 0.5 and 1.5 so that the deliveries that failed together (an endpoint that
 * was down) do not all come back at the same second. Once {@code giveUpAfter} has passed since the delivery was
 * queued, there is no next attempt: it is FAILED.
 */
final class Backoff {

    private final WebhookProperties.Retry retry;
    private final DoubleSupplier random;

    Backoff(WebhookProperties.Retry retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    /** The next attempt after {@code attempts} failed ones, or empty when the delivery has run out of time. */
    Optional<Instant> nextAttempt(int attempts, Instant queuedAt, Instant now) {
        if (!now.isBefore(queuedAt.plus(retry.giveUpAfter()))) {
            return Optional.empty();
        }
        long initial = retry.initialDelay().toMillis();
        long max = retry.maxDelay().toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 40);
        long delay = initial > max >> doublings ? max : Math.min(max, initial << doublings);
        long jittered = (long) (delay * (0.5 + random.getAsDouble()));
        Instant next = now.plus(Duration.ofMillis(Math.max(jittered, 1)));
        // the last attempt is made when the time is up, not skipped because a long delay would pass it
        Instant deadline = queuedAt.plus(retry.giveUpAfter());
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
