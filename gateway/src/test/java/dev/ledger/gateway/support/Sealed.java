package dev.ledger.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for the hash chain (the event sealer) to cover every event stored so far. */
public final class Sealed {

    private Sealed() {
    }

    /**
     * Until the last sealed position is at or past the store's head as it is now. Past it, not only at it: another
     * instance on the same database (a context of an earlier test, running its deadlines) may append meanwhile, and
     * that event is sealed too.
     */
    public static void upToTheHead(JdbcTemplate jdbc) {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Long sealed = jdbc.queryForObject("select max(global_index) from event_seal", Long.class);
            return head == null || (sealed != null && sealed >= head);
        });
    }
}
