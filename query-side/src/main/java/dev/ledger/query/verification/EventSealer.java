package dev.ledger.query.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals the event log continuously: appends to {@code event_seal} the hash chain link of every event after the last
 * sealed one, in commit order. Several instances may seal at once: they compute the same links from the same events,
 * and an insert that finds its row already there changes nothing.
 */
@Component
public class EventSealer {

    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration gapTimeout;

    public EventSealer(JdbcTemplate jdbc, Clock clock,
                       @Value("${ledger.audit.feed-gap-timeout:PT10S}") Duration gapTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    @Scheduled(initialDelayString = "${ledger.verification.seal-interval:PT1S}",
            fixedDelayString = "${ledger.verification.seal-interval:PT1S}")
    public void sealScheduled() {
        seal();
    }

    /**
     * Seals what can be sealed now and answers how many events it sealed. Like the audit feed, it stops before a gap
     * in the global index until the event after it is older than the gap timeout: the global index is handed out
     * before commit, so a lower one may still be committing, and sealing past it would leave it out of the chain.
     */
    public int seal() {
        int sealed = 0;
        while (true) {
            Batch batch = sealBatch();
            sealed += batch.sealed();
            if (!batch.more()) {
                return sealed;
            }
        }
    }

    private Batch sealBatch() {
        List<Seal> last = jdbc.query("select global_index, hash from event_seal order by global_index desc limit 1",
                (row, n) -> new Seal(row.getLong("global_index"), row.getString("hash")));
        long after = last.isEmpty() ? 0 : last.get(0).globalIndex();
        String previous = last.isEmpty() ? EventChain.GENESIS : last.get(0).hash();
        Instant settled = clock.instant().minus(gapTimeout);
        List<Seal> links = new ArrayList<>();
        String[] chain = {previous};
        long[] expected = {after + 1};
        boolean[] stopped = {false};
        jdbc.query("select " + EventChain.COLUMNS + " from domain_event_entry where global_index > ?"
                + " order by global_index limit ?", row -> {
            if (stopped[0]) {
                return;
            }
            long position = row.getLong("global_index");
            if (position != expected[0] && Instant.parse(row.getString("time_stamp")).isAfter(settled)) {
                stopped[0] = true;
                return;
            }
            chain[0] = EventChain.link(chain[0], row);
            links.add(new Seal(position, chain[0]));
            expected[0] = position + 1;
        }, after, BATCH);
        if (!links.isEmpty()) {
            jdbc.batchUpdate("insert into event_seal (global_index, hash) values (?, ?) on conflict do nothing",
                    links.stream().map(link -> new Object[] {link.globalIndex(), link.hash()}).toList());
        }
        return new Batch(links.size(), !stopped[0] && links.size() == BATCH);
    }

    private record Batch(int sealed, boolean more) {
    }

    private record Seal(long globalIndex, String hash) {
    }
}
