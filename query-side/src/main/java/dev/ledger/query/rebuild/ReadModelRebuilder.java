package dev.ledger.query.rebuild;

import dev.ledger.query.table.BufferedWrites;
import dev.ledger.query.table.ReadModelTables;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model from the whole event history while the service keeps answering from the live one.
 *
 * <p>The read model's projection, pointed at the twin tables, takes in every event from the store in batches. Once
 * it has caught up, one transaction locks the live tables (every instance's writers of that read model wait),
 * applies what was committed since, and swaps the twins in: readers see the old model until that commit and the
 * rebuilt one after it, never a half-built one. The live processors keep their positions: they are at most where
 * the rebuilt model is, and the projections apply an event only once, so what they deliver again changes nothing.
 */
@Component
public class ReadModelRebuilder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilder.class);
    private static final int BATCH_SIZE = 1_000;
    private static final int SWAP_ATTEMPTS = 5;
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    private final EventStorageEngine eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReadModelRebuilds rebuilds;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    /** Processors of this instance paused while their read model is swapped in. */
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ReadModelRebuilder(EventStorageEngine eventStore, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                              ReadModelRebuilds rebuilds, EventProcessingConfiguration processing, Clock clock) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.rebuilds = rebuilds;
        this.processing = processing;
        this.clock = clock;
    }

    /**
     * Starts rebuilding {@code model} in the background; false when a replay of it is already running, on this
     * instance or another one.
     */
    public boolean start(RebuildableReadModel model) {
        if (!rebuilds.claim(model.processor(), node, clock.instant(), head())) {
            return false;
        }
        executor.execute(() -> new Rebuild(model).run());
        return true;
    }

    /**
     * Whether this instance's processor {@code processor} is stopped only because a replay is swapping its rebuilt
     * read model in: a moment of a replay, not a processor that stopped.
     */
    public boolean isPausedForSwap(String processor) {
        return paused.contains(processor);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private long head() {
        return position(eventStore.createHeadToken());
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** One replay of one read model. */
    private final class Rebuild {

        private final RebuildableReadModel model;
        private final String name;
        private final TableSwap swap;
        private BatchingJdbcTemplate writes;
        private Object projection;
        private AnnotationEventHandlerAdapter handlers;
        private TrackingToken token;
        private long events;
        private Instant lastHeartbeat = Instant.MIN;

        Rebuild(RebuildableReadModel model) {
            this.model = model;
            this.name = model.processor();
            this.swap = TableSwap.forDatabaseOf(jdbc);
        }

        /** A fresh projection over empty twins, from the first event. */
        private void begin() {
            writes = new BatchingJdbcTemplate(jdbc);
            projection = model.projection(writes, ReadModelTables.REBUILD);
            handlers = new AnnotationEventHandlerAdapter(projection);
            token = null;
            events = 0;
            transactions.executeWithoutResult(tx -> model.tables().forEach(swap::clearTwin));
        }

        void run() {
            Instant started = clock.instant();
            try {
                for (int attempt = 1; ; attempt++) {
                    log.info("Replaying read model {} into its twin tables", name);
                    begin();
                    catchUp();
                    model.tables().forEach(swap::analyze);
                    try {
                        swapIn();
                        break;
                    } catch (DataAccessException e) {
                        // the twin's last writes were rolled back with the swap: start over rather than guess
                        if (attempt == SWAP_ATTEMPTS) {
                            throw e;
                        }
                        log.warn("Swapping in read model {} failed (attempt {}), replaying again: {}", name, attempt,
                                e.getMessage());
                    }
                }
                transactions.executeWithoutResult(tx -> model.tables().forEach(swap::clearTwin));
                Duration took = Duration.between(started, clock.instant());
                log.info("Replayed read model {}: {} events in {} ms ({} events/s), now live", name, events,
                        took.toMillis(), took.isZero() ? events : events * 1000 / Math.max(1, took.toMillis()));
            } catch (RuntimeException | Error e) {
                log.error("Replay of read model {} failed; the live read model is unchanged", name, e);
                String failure = String.valueOf(e.getMessage());
                rebuilds.failed(name, node, clock.instant(), failure.substring(0, Math.min(failure.length(), 1000)));
            }
        }

        /** Takes in batches until the event store has nothing more for now. */
        private void catchUp() {
            int applied;
            do {
                applied = transactions.execute(tx -> {
                    int batch = applyBatch();
                    flush();
                    heartbeat();
                    return batch;
                });
            } while (applied > 0);
        }

        /**
         * Locks the live tables, applies what was committed since the last batch and swaps, in one transaction. The
         * local processor of the read model is paused meanwhile, so that it does not sit on the lock.
         */
        private void swapIn() {
            EventProcessor local = processing.eventProcessor(name).orElse(null);
            boolean wasRunning = local != null && local.isRunning();
            if (wasRunning) {
                paused.add(name);
                local.shutDown();
            }
            try {
                transactions.executeWithoutResult(tx -> {
                    swap.lock(model.tables());
                    // the live model reflects nothing committed after the lock: the twin must reach the head
                    long head = head();
                    while (position(token) < head && applyBatch() > 0) {
                        // until the twin holds everything the live tables may have seen
                    }
                    flush();
                    model.tables().forEach(swap::swap);
                    rebuilds.done(name, node, clock.instant(), position(token), events);
                });
            } finally {
                if (wasRunning) {
                    local.start();
                    paused.remove(name);
                }
            }
        }

        /** Applies up to one batch of events after {@code token} to the twin, in the current transaction. */
        private int applyBatch() {
            int applied = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = eventStore.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> next = stream.iterator();
                while (applied < BATCH_SIZE && next.hasNext()) {
                    TrackedEventMessage<?> event = next.next();
                    apply(event);
                    token = event.trackingToken();
                    applied++;
                }
            }
            events += applied;
            return applied;
        }

        /** Writes out what the projection and the batching template still hold, before a commit. */
        private void flush() {
            if (projection instanceof BufferedWrites buffered) {
                buffered.flush();
            }
            writes.flush();
        }

        private void apply(TrackedEventMessage<?> event) {
            try {
                handlers.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not apply event " + event.getIdentifier(), e);
            }
        }

        private void heartbeat() {
            Instant now = clock.instant();
            if (Duration.between(lastHeartbeat, now).compareTo(HEARTBEAT_INTERVAL) >= 0) {
                rebuilds.progress(name, node, now, position(token), head(), events);
                lastHeartbeat = now;
            }
        }
    }
}
