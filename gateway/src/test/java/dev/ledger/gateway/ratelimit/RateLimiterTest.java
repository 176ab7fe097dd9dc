package dev.ledger.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualTime implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();

    @Test
    void aKeyMayMakeItsWholeMinuteOfRequestsAtOnceAndThenWaitsForTheNextToken() {
        RateLimiter limiter = new RateLimiter(5, time);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("key-a")).as("request %d", i + 1).isEmpty();
        }

        // greedy refill of 5 a minute: one token every 12 seconds
        assertThat(limiter.tryAcquire("key-a")).contains(Duration.ofSeconds(12));
    }

    @Test
    void tokensComeBackGraduallyNotAllAtTheEndOfTheMinute() {
        RateLimiter limiter = new RateLimiter(5, time);
        exhaust(limiter, "key-a", 5);

        time.advance(Duration.ofSeconds(3));
        assertThat(limiter.tryAcquire("key-a")).contains(Duration.ofSeconds(9));

        time.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire("key-a")).isEmpty();
        assertThat(limiter.tryAcquire("key-a")).contains(Duration.ofSeconds(12));
    }

    @Test
    void aKeyThatStaysUnderItsLimitIsNeverRefused() {
        RateLimiter limiter = new RateLimiter(60, time);

        for (int i = 0; i < 600; i++) {
            assertThat(limiter.tryAcquire("steady")).isEmpty();
            time.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void everyKeyHasItsOwnAllowance() {
        RateLimiter limiter = new RateLimiter(2, time);
        exhaust(limiter, "key-a", 2);

        assertThat(limiter.tryAcquire("key-a")).isPresent();
        assertThat(limiter.tryAcquire("key-b")).isEmpty();
        assertThat(limiter.tryAcquire("key-b")).isEmpty();
        assertThat(limiter.tryAcquire("key-b")).isPresent();
    }

    @Test
    void aFullMapForgetsOnlyKeysWhoseBucketHasRefilled() {
        RateLimiter limiter = new RateLimiter(5, time, 2);
        exhaust(limiter, "busy", 5);
        assertThat(limiter.tryAcquire("quiet")).isEmpty();

        time.advance(Duration.ofSeconds(12));
        assertThat(limiter.tryAcquire("newcomer")).isEmpty();

        assertThat(limiter.trackedKeys()).isEqualTo(2);
        // "busy" was remembered: it got one token back in 12 seconds, not a fresh five
        assertThat(limiter.tryAcquire("busy")).isEmpty();
        assertThat(limiter.tryAcquire("busy")).isPresent();
    }

    @Test
    void aLimitMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0, time));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(-1, time));
    }

    private static void exhaust(RateLimiter limiter, String keyId, int rpm) {
        for (int i = 0; i < rpm; i++) {
            Optional<Duration> wait = limiter.tryAcquire(keyId);
            assertThat(wait).isEmpty();
        }
    }
}
