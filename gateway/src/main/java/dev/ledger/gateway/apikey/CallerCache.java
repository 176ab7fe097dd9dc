package dev.ledger.gateway.apikey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The callers of the API keys this instance authenticated lately, by key hash, so that a key's next request needs no
 * query (docs/adr/020-api-key-cache.md). At most {@code maxEntries} of them (least recently used go first), none older
 * than {@code maxAge}, and only keys the database found: an unknown key is always looked up, so trying random keys
 * cannot crowd out the keys in use.
 *
 * <p>A cached caller is only as good as the news of revocations: the cache is used only while it is <em>trusted</em>
 * — on PostgreSQL, while this instance is listening for other instances' revocations ({@link RevocationListener}).
 * Untrusted, every lookup goes to the database and nothing is kept. Both {@link #trust()} and {@link #distrust()}
 * empty it: a revocation may have been missed while nobody was listening.
 *
 * <p>A lookup that read the database just before a revocation committed must not put its (now revoked) caller into
 * the cache just after the revocation was evicted: there it would stay until {@code maxAge}. Every eviction and every
 * clearing moves a generation on, and a lookup keeps its answer only if the generation is still the one it started
 * in.
 */
final class CallerCache {

    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bypasses = new LongAdder();
    /** Guarded by {@code entries}, like the two fields below. */
    private long generation;
    private boolean trusted;

    private record Entry(Caller caller, long loadedAtNanos) {
    }

    /**
     * @param maxEntries how many callers to keep; 0 keeps none (every lookup goes to the database)
     * @param maxAge     the longest a caller is kept: how late a revocation no instance was told of (one made
     *                   directly in SQL) takes effect
     * @param nanoTime   a monotonic clock ({@link System#nanoTime()}): a step of the wall clock never lengthens an
     *                   entry's life
     * @param trusted    whether it may be used from the start (one instance, nobody else revokes), or only once
     *                   {@link #trust()} is called
     */
    CallerCache(int maxEntries, Duration maxAge, LongSupplier nanoTime, boolean trusted) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("the API key cache's size cannot be negative: " + maxEntries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the API key cache's max age must be positive, not " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.trusted = trusted;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1 << 12), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The caller of this key hash: from the cache when it is trusted and holds a fresh entry, otherwise from
     * {@code database}, whose answer is kept when it found an active key.
     */
    Optional<Caller> get(String keyHash, Function<String, Optional<Caller>> database) {
        long startedAt = nanoTime.getAsLong();
        long startedIn;
        boolean used;
        synchronized (entries) {
            used = trusted && maxEntries > 0;
            startedIn = generation;
            if (used) {
                Entry entry = entries.get(keyHash);
                if (entry != null && startedAt - entry.loadedAtNanos() < maxAgeNanos) {
                    hits.increment();
                    return Optional.of(entry.caller());
                }
                if (entry != null) {
                    entries.remove(keyHash);
                }
            }
        }
        if (!used) {
            bypasses.increment();
            return database.apply(keyHash);
        }
        misses.increment();
        Optional<Caller> found = database.apply(keyHash);
        found.ifPresent(caller -> {
            synchronized (entries) {
                if (trusted && generation == startedIn) {
                    entries.put(keyHash, new Entry(caller, startedAt));
                }
            }
        });
        return found;
    }

    /** Forgets the key with this id: it was revoked, here or on another instance. */
    void evict(String keyId) {
        synchronized (entries) {
            generation++;
            entries.values().removeIf(entry -> entry.caller().keyId().equals(keyId));
        }
    }

    /** From now on every lookup goes to the database, until {@link #trust()}. */
    void distrust() {
        synchronized (entries) {
            trusted = false;
            clear();
        }
    }

    /** Used again, from empty: what it held may have been revoked while it was not trusted. */
    void trust() {
        synchronized (entries) {
            clear();
            trusted = true;
        }
    }

    private void clear() {
        generation++;
        entries.clear();
    }

    boolean isTrusted() {
        synchronized (entries) {
            return trusted;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Lookups answered from the cache. */
    long hits() {
        return hits.sum();
    }

    /** Lookups the cache could have answered but did not hold: the database was asked. */
    long misses() {
        return misses.sum();
    }

    /** Lookups that went to the database because the cache was not trusted (or is off). */
    long bypasses() {
        return bypasses.sum();
    }
}
