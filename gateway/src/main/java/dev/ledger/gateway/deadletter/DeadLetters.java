package dev.ledger.gateway.deadletter;

import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The events the projections have parked ({@link DeadLetterConfiguration}): how many per processor, a page of them,
 * and their retry. Reads Axon's table ({@code projection_dead_letter}) directly, so a page is one keyset query;
 * changes to it go through Axon's queue.
 */
@Repository
public class DeadLetters {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;
    private final Serializer eventSerializer;

    /** The serializers Axon's queue writes with: tokens with the general one, diagnostics with the event one. */
    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                       @Qualifier("serializer") Serializer serializer,
                       @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
    }

    /**
     * One parked event, as {@code GET /api/admin/projections/{name}/dead-letters} lists it. {@code sequenceId} is what
     * the letters queue under (the aggregate's id: its later events wait behind this one) and {@code index} the
     * letter's place in that queue; {@code sequence} is the event's number in its aggregate and {@code position} its
     * place in the global feed.
     */
    public record Letter(String letterId, String sequenceId, long index, String eventId, String type,
                         String aggregateId, Long sequence, Long position, String causeType, String causeMessage,
                         Instant enqueuedAt, Instant lastTouchedAt, long retries) {
    }

    public record Page(List<Letter> letters, String nextCursor) {
    }

    /** What a retry did: letters applied (and removed from the queue), and letters still parked. */
    public record RetryOutcome(long processed, long stillParked) {
    }

    /** The parked events of every processor that has any, by processor name. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select processing_group, count(*) as letters from " + DeadLetterConfiguration.TABLE
                        + " group by processing_group",
                row -> {
                    counts.put(row.getString("processing_group"), row.getLong("letters"));
                });
        return counts;
    }

    public long count(String processor) {
        Long count = jdbc.queryForObject("select count(*) from " + DeadLetterConfiguration.TABLE
                + " where processing_group = ?", Long.class, processor);
        return count == null ? 0 : count;
    }

    /**
     * A page of {@code processor}'s dead letters in the order they were parked, the letters of one aggregate in their
     * order.
     */
    public Page page(String processor, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("select * from " + DeadLetterConfiguration.TABLE
                + " where processing_group = ?");
        List<Object> args = new ArrayList<>(List.of(processor));
        if (cursor != null) {
            List<String> after = Keyset.decode(cursor, 3);
            sql.append(" and (enqueued_at > ? or (enqueued_at = ? and (sequence_identifier > ?"
                    + " or (sequence_identifier = ? and sequence_index > ?))))");
            args.addAll(List.of(after.get(0), after.get(0), after.get(1), after.get(1), index(after.get(2))));
        }
        sql.append(" order by enqueued_at, sequence_identifier, sequence_index limit ?");
        args.add(limit + 1);
        List<Letter> letters = jdbc.query(sql.toString(), this::letter, args.toArray());
        if (letters.size() <= limit) {
            return new Page(letters, null);
        }
        Letter last = letters.get(limit - 1);
        // enqueued_at as Axon wrote it, so that the cursor compares as the column does
        return new Page(letters.subList(0, limit),
                Keyset.encode(DateTimeUtils.formatInstant(last.enqueuedAt()), last.sequenceId(), last.index()));
    }

    /**
     * Applies {@code processor}'s dead letters again, one aggregate at a time in the order they were parked, each
     * aggregate's letters in order until one fails again (it stays parked with one retry more, those after it with it).
     */
    public RetryOutcome retry(String processor) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters =
                processing.sequencedDeadLetterProcessor(processor).orElse(null);
        if (letters == null) {
            return new RetryOutcome(0, 0);
        }
        List<String> sequences = jdbc.queryForList("""
                select sequence_identifier from %s where processing_group = ?
                group by sequence_identifier order by min(enqueued_at), sequence_identifier"""
                .formatted(DeadLetterConfiguration.TABLE), String.class, processor);
        long processed = 0;
        for (String sequence : sequences) {
            long before = parked(processor, sequence);
            letters.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                    && sequence.equals(stored.getSequenceIdentifier()));
            processed += Math.max(0, before - parked(processor, sequence));
        }
        return new RetryOutcome(processed, count(processor));
    }

    private long parked(String processor, String sequence) {
        Long count = jdbc.queryForObject("select count(*) from " + DeadLetterConfiguration.TABLE
                + " where processing_group = ? and sequence_identifier = ?", Long.class, processor, sequence);
        return count == null ? 0 : count;
    }

    private Letter letter(ResultSet row, int n) throws SQLException {
        String payloadType = row.getString("payload_type");
        long sequenceNumber = row.getLong("sequence_number");
        return new Letter(row.getString("dead_letter_id"), row.getString("sequence_identifier"),
                row.getLong("sequence_index"), row.getString("event_identifier"),
                payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1),
                row.getString("aggregate_identifier"), row.wasNull() ? null : sequenceNumber,
                position(row.getString("token_type"), row.getBytes("token")),
                row.getString("cause_type"), row.getString("cause_message"),
                instant(row.getString("enqueued_at")), instant(row.getString("last_touched")),
                PoisonEventIsolation.retries(diagnostics(row.getBytes("diagnostics"))));
    }

    /** The event's position in the global stream, from the tracking token Axon kept with it. */
    private Long position(String tokenType, byte[] token) {
        if (tokenType == null || token == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return tracking == null ? null : tracking.position().stream().boxed().findFirst().orElse(null);
    }

    private Map<String, ?> diagnostics(byte[] diagnostics) {
        if (diagnostics == null) {
            return Map.of();
        }
        MetaData metaData = eventSerializer.deserialize(
                new SimpleSerializedObject<>(diagnostics, byte[].class, MetaData.class.getName(), null));
        return metaData == null ? Map.of() : metaData;
    }

    private static Instant instant(String stored) {
        try {
            return stored == null ? null : Instant.parse(stored);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long index(String cursorPart) {
        try {
            return Long.parseLong(cursorPart);
        } catch (NumberFormatException e) {
            throw Keyset.invalidCursor();
        }
    }
}
