package dev.ledger.query.verification;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes the event log's hash chain ({@link EventSealer}) against {@code event_seal}: an event rewritten after it
 * was sealed is a {@code hash-chain} mismatch at its position, a sealed event that is gone {@code missing-event}, and
 * one slipped in below sealed events {@code unsealed-event}.
 */
final class ChainCheck {

    private final JdbcTemplate jdbc;
    private final Mismatches mismatches;

    ChainCheck(JdbcTemplate jdbc, Mismatches mismatches) {
        this.jdbc = jdbc;
        this.mismatches = mismatches;
    }

    void run() {
        String[] previous = {EventChain.GENESIS};
        jdbc.query("select s.global_index as seal_index, s.hash as seal, " + prefixed("e")
                + " from event_seal s left join domain_event_entry e on e.global_index = s.global_index"
                + " order by s.global_index", row -> {
            long position = row.getLong("seal_index");
            String seal = row.getString("seal");
            if (row.getString("event_identifier") == null) {
                mismatches.add("missing-event", null, "domain_event_entry", "sealed event", "none", position);
            } else {
                String link = EventChain.link(previous[0], row);
                if (!link.equals(seal)) {
                    mismatches.add("hash-chain", row.getString("aggregate_identifier"), "event_seal.hash", seal, link,
                            position);
                }
            }
            // the next link is checked against the stored one: each altered event is reported on its own
            previous[0] = seal;
        });
        jdbc.query("""
                select e.global_index, e.aggregate_identifier from domain_event_entry e
                where e.global_index < (select max(global_index) from event_seal)
                  and not exists (select 1 from event_seal s where s.global_index = e.global_index)
                order by e.global_index""", row -> {
            mismatches.add("unsealed-event", row.getString("aggregate_identifier"), "event_seal", "sealed",
                    "not sealed, though later events are", row.getLong("global_index"));
        });
    }

    private static String prefixed(String alias) {
        return Arrays.stream(EventChain.COLUMNS.split(",")).map(column -> alias + "." + column.trim())
                .collect(Collectors.joining(", "));
    }
}
