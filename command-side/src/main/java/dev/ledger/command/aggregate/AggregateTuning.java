package dev.ledger.command.aggregate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How aggregates are loaded: from a cache checked against the event store ({@link VerifiedAggregateCache}) and,
 * for wallets, from a snapshot plus the events after it. Without them every command read the aggregate's whole
 * history, and a busy wallet got slower with every event (docs/adr/009-where-the-time-goes.md).
 * The beans are named in the aggregates' {@code @Aggregate(cache = ..., snapshotTriggerDefinition = ...)}.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateTuning {

    public static final String WALLET_CACHE = "walletCache";
    public static final String ESCROW_CACHE = "escrowCache";
    public static final String WALLET_SNAPSHOTS = "walletSnapshotTrigger";

    @Bean(WALLET_CACHE)
    VerifiedAggregateCache walletCache(ObjectProvider<EventStore> eventStore,
                                       @Value("${ledger.aggregate-cache.wallets:20000}") int maxEntries) {
        return cache(eventStore, maxEntries);
    }

    @Bean(ESCROW_CACHE)
    VerifiedAggregateCache escrowCache(ObjectProvider<EventStore> eventStore,
                                       @Value("${ledger.aggregate-cache.escrows:5000}") int maxEntries) {
        return cache(eventStore, maxEntries);
    }

    /** A snapshot every {@code threshold} events, taken after the command's commit. */
    @Bean(WALLET_SNAPSHOTS)
    SnapshotTriggerDefinition walletSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${ledger.snapshots.wallet-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Axon's snapshotter as Spring Boot would configure it, except that snapshots are taken on a thread of their
     * own. On the command's thread the snapshot ran after the commit but before the aggregate's lock was released,
     * and needed a second connection: with every pooled connection held by a command waiting for that same lock (a
     * busy wallet), it waited for the pool's 30 s timeout. A snapshot that finds the queue full is skipped; the next
     * threshold takes one.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory, SnapshotThread thread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(thread.executor)
                .build();
    }

    @Bean
    SnapshotThread snapshotThread() {
        return new SnapshotThread();
    }

    /** Not an {@link java.util.concurrent.Executor} bean, so that Spring Boot's own task executor stays as it is. */
    static final class SnapshotThread implements AutoCloseable {

        final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "aggregate-snapshots");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());

        @Override
        public void close() {
            executor.shutdown();
        }
    }

    private static VerifiedAggregateCache cache(ObjectProvider<EventStore> eventStore, int maxEntries) {
        // looked up at first use: the event store is built with the Axon configuration that needs these caches
        return new VerifiedAggregateCache(maxEntries, id -> eventStore.getObject().lastSequenceNumberFor(id));
    }
}
