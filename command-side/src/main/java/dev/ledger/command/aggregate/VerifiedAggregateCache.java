package dev.ledger.command.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;

/**
 * The aggregates this instance last saw, at most {@code maxEntries} of them (least recently used go first), each
 * handed out only while it is still the latest version in the event store.
 *
 * <p>Axon's caching repository trusts its cache: on its own it would let an aggregate that another instance has
 * changed since decide again on its old state. An append from that state fails on the store's unique
 * (aggregate, sequence) key, but a decision that appends nothing — a 422 insufficient-funds, say — would be
 * recorded for good, and wrongly. So every hit is checked against the store's last sequence number for the
 * aggregate (one indexed {@code max()} in the command's transaction, instead of reading the whole stream); a
 * stale entry is dropped and the aggregate loaded from the store. A failed save evicts its entry too (Axon's
 * repository removes it on rollback), so a cached aggregate never holds events that did not commit.
 */
public final class VerifiedAggregateCache implements Cache {

    private final Map<Object, Object> entries;
    private final Function<String, Optional<Long>> lastSequenceNumber;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();

    /**
     * @param maxEntries         how many aggregates to keep
     * @param lastSequenceNumber the event store's last sequence number of an aggregate, read in the caller's
     *                           transaction (empty when it has no events)
     */
    public VerifiedAggregateCache(int maxEntries, Function<String, Optional<Long>> lastSequenceNumber) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.lastSequenceNumber = Objects.requireNonNull(lastSequenceNumber);
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value == null) {
            misses.increment();
            return null;
        }
        if (value instanceof AggregateCacheEntry<?> entry && !isLatest(key, entry)) {
            synchronized (entries) {
                entries.remove(key, value);
            }
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) value;
    }

    private boolean isLatest(Object key, AggregateCacheEntry<?> entry) {
        // in memory (never serialized) an entry holds the live aggregate and hands it back as it is
        EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
        if (aggregate == null) {
            return false;
        }
        Long stored = lastSequenceNumber.apply(key.toString()).orElse(null);
        return Objects.equals(aggregate.version(), stored);
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        synchronized (entries) {
            entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
        }
    }

    /** Entry listeners are not supported; nothing in the ledger registers one. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("entry listeners are not supported");
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Lookups answered from the cache (checked against the store). */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that found nothing cached. */
    public long misses() {
        return misses.sum();
    }

    /** Lookups that found an entry another instance had overtaken, and dropped it. */
    public long staleEntries() {
        return stale.sum();
    }
}
