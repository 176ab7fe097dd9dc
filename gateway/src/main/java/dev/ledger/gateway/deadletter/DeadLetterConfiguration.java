package dev.ledger.gateway.deadletter;

import dev.ledger.query.rebuild.RebuildableReadModel;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's sequenced dead-letter queue for every projection: an event a projection cannot apply is parked with the
 * later events of the same aggregate (Axon's default sequencing, per aggregate), and the rest of its segment moves on.
 * The queue is Axon's JDBC one in {@code projection_dead_letter} (Flyway V21), on the application's data source and in
 * the processor's own transaction, on the same JDBC footing as the event store and the token store.
 *
 * <p>The transfer process has none: it moves money by sending commands to wallets, whose effects reach beyond the
 * database (aggregates and their cache, group commit) where a savepoint cannot take them back, and parking one of its
 * events would leave a transfer's money debited and not credited until an admin stepped in. Its failures are retried
 * until they pass, and show as lag and a stalled segment.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** The processing groups with a dead-letter queue: every read model. */
    public static final Set<String> PROJECTIONS = Arrays.stream(RebuildableReadModel.values())
            .map(RebuildableReadModel::processor).collect(Collectors.toUnmodifiableSet());

    static final String TABLE = "projection_dead_letter";

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable(TABLE)
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    /** Also a handler enhancer: Axon picks it up as a bean and wraps the projections' event handlers with it. */
    @Bean
    PoisonEventIsolation poisonEventIsolation(DataSource dataSource) {
        return new PoisonEventIsolation(PROJECTIONS, dataSource);
    }

    @Bean
    ConfigurerModule deadLettersForProjections(DataSource dataSource, PoisonEventIsolation isolation) {
        return configurer -> PROJECTIONS.forEach(group -> configurer.eventProcessing()
                .registerDeadLetterQueue(group, axon -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                        .transactionManager(axon.getComponent(TransactionManager.class))
                        .schema(SCHEMA)
                        .genericSerializer(axon.serializer())
                        .eventSerializer(axon.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(group, axon -> isolation)
                // without the cache every event costs a look-up in the queue; with it only those of a parked aggregate
                // do. A reset (Axon's own replay: every event handled again) empties the queue first, so that what
                // still fails is parked once more instead of every event of its aggregate queueing behind old letters
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (axon, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true)));
    }
}
