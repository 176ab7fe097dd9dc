package dev.ledger.query.audit;

import dev.ledger.events.audit.ListAggregateEventsQuery;
import dev.ledger.events.audit.ListEventFeedQuery;
import dev.ledger.events.audit.StoredEvent;
import dev.ledger.events.audit.StoredEventPage;
import dev.ledger.query.page.Keyset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
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
    private final GapAwareFeed feed;

    public EventStoreQueries(JdbcTemplate jdbc, GapAwareFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
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

    /** A page of the global feed, stopping before a position that may still be committing ({@link GapAwareFeed}). */
    @QueryHandler
    public StoredEventPage feed(ListEventFeedQuery query) {
        List<StoredEvent> page = feed.after(query.afterPosition(), query.limit(), COLUMNS, EventStoreQueries::event);
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
