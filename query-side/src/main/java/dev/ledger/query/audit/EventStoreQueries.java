package dev.ledger.query.audit;

import dev.ledger.events.audit.ListAggregateEventsQuery;
import dev.ledger.events.audit.ListEventFeedQuery;
import dev.ledger.events.audit.StoredEvent;
import dev.ledger.events.audit.StoredEventPage;
import dev.ledger.query.page.Keyset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers event history queries straight from the event store's table ({@code domain_event_entry}): the events are
 * the record, so no projection stands in between.
 */
@Component
public class EventStoreQueries {

    private static final String COLUMNS = """
            global_index, type, aggregate_identifier, sequence_number, payload_type, payload_revision, payload,
            meta_data, time_stamp""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration gapTimeout;

    public EventStoreQueries(JdbcTemplate jdbc, Clock clock,
                             @Value("${ledger.audit.feed-gap-timeout:PT10S}") Duration gapTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    @QueryHandler
    public StoredEventPage history(ListAggregateEventsQuery query) {
        List<StoredEvent> rows = jdbc.query("select " + COLUMNS + " from domain_event_entry"
                + " where aggregate_identifier = ? and type = ? and sequence_number > ?"
                + " order by sequence_number limit ?", EventStoreQueries::event,
                query.aggregateId(), query.aggregateType(), query.afterSequence(), query.limit() + 1);
        if (rows.size() <= query.limit()) {
            return new StoredEventPage(rows, null);
        }
        List<StoredEvent> page = List.copyOf(rows.subList(0, query.limit()));
        return new StoredEventPage(page, Keyset.encode(page.get(page.size() - 1).sequence()));
    }

    /**
     * The global index is handed out when an event is stored, not when its transaction commits: a transaction that
     * took a lower index may still be committing while a higher one is already visible. A reader that went on past
     * that gap would resume after it and never see the late event, so the page stops at a gap until the event after
     * it is older than the gap timeout; by then the gap is a transaction that rolled back and stays empty for good.
     */
    @QueryHandler
    public StoredEventPage feed(ListEventFeedQuery query) {
        List<StoredEvent> rows = jdbc.query("select " + COLUMNS
                + " from domain_event_entry where global_index > ? order by global_index limit ?",
                EventStoreQueries::event, query.afterPosition(), query.limit());
        Instant settled = clock.instant().minus(gapTimeout);
        List<StoredEvent> page = new ArrayList<>();
        long expected = query.afterPosition() + 1;
        for (StoredEvent event : rows) {
            if (event.position() != expected && event.occurredAt().isAfter(settled)) {
                break;
            }
            page.add(event);
            expected = event.position() + 1;
        }
        String next = page.isEmpty() ? null : Long.toString(page.get(page.size() - 1).position());
        return new StoredEventPage(List.copyOf(page), next);
    }

    private static StoredEvent event(ResultSet row, int rowNumber) throws SQLException {
        String payloadType = row.getString("payload_type");
        byte[] metaData = row.getBytes("meta_data");
        return new StoredEvent(row.getLong("global_index"), row.getString("type"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), simpleName(payloadType),
                row.getString("payload_revision"), new String(row.getBytes("payload"), StandardCharsets.UTF_8),
                metaData == null ? null : new String(metaData, StandardCharsets.UTF_8),
                Instant.parse(row.getString("time_stamp")));
    }

    private static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
