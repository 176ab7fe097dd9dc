package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant QUEUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final WebhookProperties.Retry DEFAULTS = new WebhookProperties.Retry(null, null, null);

    @Test
    void theFirstRetryComesWithinThirtySecondsWhateverTheJitter() {
        assertThat(new Backoff(DEFAULTS, () -> 0.0).nextAttempt(1, QUEUED, QUEUED)).contains(QUEUED.plusMillis(7_500));
        assertThat(new Backoff(DEFAULTS, () -> 0.999999).nextAttempt(1, QUEUED, QUEUED).orElseThrow())
                .isBefore(QUEUED.plusSeconds(30));
    }

    @Test
    void theDelayDoublesUpToTheMaximum() {
        Backoff middle = new Backoff(DEFAULTS, () -> 0.5);

        assertThat(middle.nextAttempt(2, QUEUED, QUEUED)).contains(QUEUED.plusSeconds(30));
        assertThat(middle.nextAttempt(3, QUEUED, QUEUED)).contains(QUEUED.plusSeconds(60));
        assertThat(middle.nextAttempt(9, QUEUED, QUEUED)).contains(QUEUED.plusSeconds(3600));
        assertThat(middle.nextAttempt(1000, QUEUED, QUEUED)).contains(QUEUED.plusSeconds(3600));
    }

    @Test
    void retriesGoOnForAtLeastADayThenStop() {
        Backoff backoff = new Backoff(DEFAULTS, () -> 1.0);
        Instant now = QUEUED;
        int attempts = 0;
        while (true) {
            attempts++;
            var next = backoff.nextAttempt(attempts, QUEUED, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
        }
        assertThat(Duration.between(QUEUED, now)).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(attempts).isBetween(25, 60);
    }

    @Test
    void theLastAttemptIsMadeWhenTheTimeIsUpNotSkipped() {
        Instant almostUp = QUEUED.plus(Duration.ofHours(25)).minusSeconds(10);

        assertThat(new Backoff(DEFAULTS, () -> 0.5).nextAttempt(30, QUEUED, almostUp))
                .contains(QUEUED.plus(Duration.ofHours(25)));
        assertThat(new Backoff(DEFAULTS, () -> 0.5).nextAttempt(31, QUEUED, QUEUED.plus(Duration.ofHours(25))))
                .isEmpty();
    }
}
