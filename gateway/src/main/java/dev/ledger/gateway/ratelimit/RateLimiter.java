package dev.ledger.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per API key: {@code rpm} requests at once, refilled greedily at {@code rpm} a minute, so a
 * key that stays under its limit is never made to wait, and one beyond it gets a request back every
 * {@code 60 / rpm} seconds.
 */
final class RateLimiter {

    static final int MAX_TRACKED_KEYS = 10_000;

    private final long rpm;
    private final TimeMeter time;
    private final int maxTrackedKeys;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(long rpm, TimeMeter time) {
        this(rpm, time, MAX_TRACKED_KEYS);
    }

    RateLimiter(long rpm, TimeMeter time, int maxTrackedKeys) {
        if (rpm <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive number of requests a minute, not " + rpm);
        }
        this.rpm = rpm;
        this.time = time;
        this.maxTrackedKeys = maxTrackedKeys;
    }

    long rpm() {
        return rpm;
    }

    /** Takes one request from the key's allowance: empty when it may go on, otherwise how long until it could. */
    Optional<Duration> tryAcquire(String keyId) {
        ConsumptionProbe probe = bucket(keyId).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    int trackedKeys() {
        return buckets.size();
    }

    private Bucket bucket(String keyId) {
        Bucket bucket = buckets.get(keyId);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxTrackedKeys) {
            forgetIdleKeys();
        }
        return buckets.computeIfAbsent(keyId, id -> newBucket());
    }

    // A full bucket is exactly what a new one would be, so dropping it forgets nothing; a bucket still
    // refilling is kept, or a key could escape its limit by crowding the map with other keys.
    private void forgetIdleKeys() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= rpm);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rpm).refillGreedy(rpm, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
