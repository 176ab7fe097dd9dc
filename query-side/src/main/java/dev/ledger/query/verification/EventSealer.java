package dev.ledger.query.verification;

import dev.ledger.query.audit.GapAwareFeed;
import java.util.List;
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
    private final GapAwareFeed feed;

    public EventSealer(JdbcTemplate jdbc, GapAwareFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    @Scheduled(initialDelayString = "${ledger.verification.seal-interval:PT1S}",
            fixedDelayString = "${ledger.verification.seal-interval:PT1S}")
    public void sealScheduled() {
        seal();
    }

    /**
     * Seals what can be sealed now and answers how many events it sealed. It reads through the {@link GapAwareFeed}, so it
     * stops before a position that may still be committing: sealing past it would leave that event out of the chain.
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
        String[] chain = {last.isEmpty() ? EventChain.GENESIS : last.get(0).hash()};
        // each link follows from the one before; the feed keeps a prefix of the rows, and so of the links
        List<Seal> links = feed.after(after, BATCH, EventChain.COLUMNS, (row, n) -> {
            chain[0] = EventChain.link(chain[0], row);
            return new Seal(row.getLong("global_index"), chain[0]);
        });
        if (!links.isEmpty()) {
            jdbc.batchUpdate("insert into event_seal (global_index, hash) values (?, ?) on conflict do nothing",
                    links.stream().map(link -> new Object[] {link.globalIndex(), link.hash()}).toList());
        }
        // a full batch may have more behind it; a shorter one reached the head or a gap
        return new Batch(links.size(), links.size() == BATCH);
    }

    private record Batch(int sealed, boolean more) {
    }

    private record Seal(long globalIndex, String hash) {
    }
}
