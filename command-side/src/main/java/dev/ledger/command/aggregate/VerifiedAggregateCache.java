package dev.ledger.command.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The aggregates this instance last saw, at most {@code maxEntries} of them (least recently used go first), each
 * handed out only while it is still the latest version in the event store.
 *
 * <p>Axon's caching repository trusts its cache: on its own it would let an aggregate that another instance has
 * changed since decide again on its old state. An append from that state fails on the store's unique
 * (aggregate, sequence) key, but a decision that appends nothing — a 422 insufficient-funds, say — would be
 * recorded for good, and wrongly. So a hit that appends nothing is checked against the store's last sequence number
 * for the aggregate (one indexed {@code max()} in the command's transaction, just before it commits, instead of
 * reading the whole stream); a stale entry fails that commit, is dropped, and the command runs again on the aggregate
 * loaded from the store. Outside a command (an event handler's lookup) a hit is checked at once. A failed save evicts
 * its entry too (Axon's repository removes it on rollback), so a cached aggregate never holds events that did not
 * commit.
 */
public final class VerifiedAggregateCache implements Cache {

    private final Map<Object, Object> entries;
    private final Function<String, Optional<Long>> lastSequenceNumber;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final String pendingChecksKey = VerifiedAggregateCache.class.getName() + "@" + System.identityHashCode(this);

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
        if (value instanceof AggregateCacheEntry<?> entry) {
            // in memory (never serialized) an entry holds the live aggregate and hands it back as it is
            EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
            boolean usable = aggregate != null && (inCommand()
                    ? checkBeforeCommit(key.toString(), aggregate)
                    : Objects.equals(aggregate.version(), storedVersion(key.toString())));
            if (!usable) {
                synchronized (entries) {
                    entries.remove(key, value);
                }
                stale.increment();
                return null;
            }
        }
        hits.increment();
        return (V) value;
    }

    /** A command's unit of work, which the command dispatcher runs again when it fails on a lost race. */
    private static boolean inCommand() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().getMessage() instanceof CommandMessage<?>;
    }

    /**
     * Hands the cached aggregate out at once and checks it when its unit of work is about to commit, in the same
     * transaction. An aggregate the unit of work appended to needs no check: its append fails on the store's unique
     * (aggregate, sequence) key if another instance got there first. One it only read — a refusal, a wallet looked
     * up — is compared with the store's last sequence number then: one query for each such aggregate, none on the
     * usual path. A stale one fails the commit with a {@link ConcurrencyException}; the transaction rolls back, the
     * repository evicts the entry, and the command runs again on the aggregate loaded from the store.
     */
    private boolean checkBeforeCommit(String id, EventSourcedAggregate<?> aggregate) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Loaded> loaded = root.getOrComputeResource(pendingChecksKey, k -> {
            Map<String, Loaded> checks = new LinkedHashMap<>();
            root.onPrepareCommit(u -> checks.values().forEach(this::verify));
            return checks;
        });
        loaded.putIfAbsent(id, new Loaded(id, aggregate, aggregate.version()));
        return true;
    }

    private void verify(Loaded loaded) {
        if (!Objects.equals(loaded.aggregate().version(), loaded.version())) {
            return;
        }
        if (!Objects.equals(loaded.version(), storedVersion(loaded.id()))) {
            stale.increment();
            throw new ConcurrencyException("aggregate " + loaded.id() + " was changed by another instance after "
                    + "this one cached it at version " + loaded.version());
        }
    }

    private Long storedVersion(String id) {
        return lastSequenceNumber.apply(id).orElse(null);
    }

    /** An aggregate handed from the cache to a unit of work, and its version then. */
    private record Loaded(String id, EventSourcedAggregate<?> aggregate, Long version) {
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
