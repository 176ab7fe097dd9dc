package dev.ledger.query.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the event store in commit order — its global index — without ever stepping over an event that may still
 * appear. The global index is handed out when an event is stored, not when its transaction commits: a transaction
 * that took a lower index may still be committing while a higher one is already visible. A reader that went on past
 * that gap would resume after it and never see the late event, so a read stops at a gap until the event after it is
 * older than {@code ledger.audit.feed-gap-timeout}; by then the gap is a transaction that rolled back and stays empty
 * for good. The audit feed, the live stream (through the feed) and the event sealer all read through this one rule.
 */
@Component
public class GapAwareFeed {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration gapTimeout;

    public GapAwareFeed(JdbcTemplate jdbc, Clock clock,
                        @Value("${ledger.audit.feed-gap-timeout:PT10S}") Duration gapTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Up to {@code limit} events after {@code afterPosition}, in order, each mapped by {@code mapper}, cut before
     * the first gap that may still fill. {@code columns} of {@code domain_event_entry} must include
     * {@code global_index} and {@code time_stamp}. The mapper sees the rows in order, also those past a gap that the
     * answer then leaves out.
     */
    public <T> List<T> after(long afterPosition, int limit, String columns, RowMapper<T> mapper) {
        List<Row<T>> rows = jdbc.query("select " + columns + " from domain_event_entry where global_index > ?"
                        + " order by global_index limit ?",
                (row, n) -> new Row<>(row.getLong("global_index"), Instant.parse(row.getString("time_stamp")),
                        mapper.mapRow(row, n)),
                afterPosition, limit);
        return committedPrefix(afterPosition, rows, clock.instant().minus(gapTimeout));
    }

    /**
     * The rows up to the first gap in positions after {@code afterPosition} whose next event was stored after
     * {@code settled}: a gap with an older event after it is taken to stay empty.
     */
    static <T> List<T> committedPrefix(long afterPosition, List<Row<T>> rows, Instant settled) {
        List<T> prefix = new ArrayList<>(rows.size());
        long expected = afterPosition + 1;
        for (Row<T> row : rows) {
            if (row.position() != expected && row.storedAt().isAfter(settled)) {
                break;
            }
            prefix.add(row.value());
            expected = row.position() + 1;
        }
        return prefix;
    }

    record Row<T>(long position, Instant storedAt, T value) {
    }
}
