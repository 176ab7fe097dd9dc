package dev.ledger.gateway.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * How events are stored: PostgreSQL (or the embedded H2 default) through Axon's JDBC storage engine and token store,
 * JSON payloads, one clock for every decision (docs/adr/001-event-store-on-postgresql-via-axon-jpa.md,
 * docs/adr/014-jdbc-storage-engine.md).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Events read per query, for an aggregate's stream and for a processor's poll (Axon's default). */
    static final int BATCH_SIZE = 100;

    /** A unique key the event store refuses (PostgreSQL's and H2's SQLSTATE for it). */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Timestamps are kept to the millisecond, so what a command answers is exactly what the read models store. */
    @Bean
    Clock clock() {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        // Axon stamps stored events with its own static clock; the ledger's clock makes that stamp agree with the
        // occurredAt the aggregate decided, instead of trailing it by a few milliseconds
        GenericEventMessage.clock = clock;
        return clock;
    }

    /** Jackson for every Axon serializer (events, messages, tokens, snapshots, command outcomes). */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    /** How events are read and written as JSON; also what the verification command reads them with. */
    public static ObjectMapper axonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // isZero()/isPositive() are questions, not state: only record components are stored
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The HTTP mapper, kept apart from Axon's so that API formatting never changes stored events. */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    /**
     * A projection that fails on an event retries it instead of logging and moving on: a read model that silently
     * skipped an event would be wrong for good.
     */
    @Bean
    ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
    }

    /**
     * Axon's JDBC engine on the tables the JPA engine used. The global index comes from the column's default
     * ({@code V20__global_index_default.sql}) inside the insert, so a batch of events is one multi-row insert and
     * no {@code nextval} round trip. A processor reads its next batch by the primary key, gaps in its token or not
     * ({@link TrackedEventQueries}), never the whole table. The gap settings are Axon's defaults: a position not
     * yet visible is remembered as a gap while the events after it are younger than 60 s ({@code gapTimeout}; far
     * longer than a command's transaction stays open) and at most 10,000 positions behind the token
     * ({@code maxGapOffset}); a token with more than 250 gaps is cleaned with one range query
     * ({@code gapCleaningThreshold}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axon,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver duplicateKeys) {
        return JdbcEventStorageEngine.builder()
                .schema(AxonTables.EVENTS)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(duplicateKeys)
                .batchSize(BATCH_SIZE)
                .readEventDataWithoutGaps(TrackedEventQueries::afterToken)
                .readEventDataWithGaps(TrackedEventQueries::afterTokenAndGaps)
                // with a limit instead of a range, an empty batch means nothing newer: no look-ahead query after it
                .extendedGapCheckEnabled(false)
                // an aggregate's sequence numbers have no holes (unique key, append-only table), so a short batch
                // is its last one: without this, every load would end with one more query that returns nothing
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE)
                .build();
    }

    /**
     * Tells a lost append race ({@code 409 concurrent-modification}) from other failures. Axon's JDBC default only
     * recognises {@code SQLIntegrityConstraintViolationException}, which pgjdbc never throws; the SQLSTATE is what
     * both databases agree on.
     */
    /** What every event processor reads (application.yml: {@code source: signallingEventSource}). */
    @Bean
    SignallingEventSource signallingEventSource(EventStore eventStore) {
        return new SignallingEventSource(eventStore);
    }

    @Bean
    PersistenceExceptionResolver duplicateKeys() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** Axon's JDBC token store (built by its auto-configuration) on the token table the JPA store used. */
    @Bean
    TokenSchema tokenSchema() {
        return AxonTables.TOKENS;
    }
}
