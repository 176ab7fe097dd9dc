package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.ReplayedHistory;
import dev.ledger.query.wallet.WalletJournalProjection;
import dev.ledger.query.wallet.WalletProjection;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replaying a projection from the event history rebuilds exactly the rows it built live. Other test classes share the
 * database (and the processors), so only the rows of this test's wallets are compared.
 */
class ProjectionReplayIT extends IntegrationTest {

    private static final Duration REBUILT_WITHIN = Duration.ofSeconds(60);

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void replayingEachWalletProjectionRebuildsExactlyTheSameRows() {
        // given a small workload through the API, and the projections caught up with it
        Map<String, Long> versions = workload();
        awaitProjected(versions);
        Map<String, List<Map<String, Object>>> live = snapshot(versions);
        assertThat(live.get("wallet_view")).hasSize(versions.size());
        assertThat(live.get("wallet_entry")).hasSize(versions.values().stream().mapToInt(v -> (int) (v - 1)).sum());

        for (String name : List.of(WalletProjection.PROCESSING_GROUP, WalletJournalProjection.PROCESSING_GROUP)) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new AssertionError("no streaming event processor " + name));

            // when it is replayed
            processor.shutDown();
            long head = ReplayedHistory.head(eventStore);
            try {
                processor.resetTokens();
                assertThat(snapshot(versions).get(tableOf(name))).as("%s cleared by the reset", name).isEmpty();
            } finally {
                processor.start();
            }

            // then it rebuilds the same rows, column for column
            awaitProjected(versions);
            ReplayedHistory.awaitHandled(processor, 4, head, REBUILT_WITHIN);
            assertThat(snapshot(versions)).as("rows after replaying %s", name).isEqualTo(live);
        }
    }

    /** Four wallets in three currencies; answers each wallet's version (its event count) as the command side said. */
    private Map<String, Long> workload() {
        String alice = api.clientKey(ADMIN_KEY, newUser("replay-alice"));
        String bob = api.clientKey(ADMIN_KEY, newUser("replay-bob"));
        Map<String, Long> versions = new LinkedHashMap<>();

        String spending = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, spending, "100.00");
        ok(api.post("/api/wallets/" + spending + "/withdrawals", alice, "{\"amount\":\"30.00\",\"reference\":\"rent\"}"));
        api.deposit(ADMIN_KEY, spending, "5.55");
        ok(api.post("/api/wallets/" + spending + "/freeze", ADMIN_KEY, "{}"));
        ok(api.post("/api/wallets/" + spending + "/unfreeze", ADMIN_KEY, "{}"));
        versions.put(spending, version(ok(api.post("/api/wallets/" + spending + "/withdrawals", alice,
                "{\"amount\":\"0.55\"}"))));

        String yen = api.openWallet(bob, "JPY");
        api.deposit(ADMIN_KEY, yen, "1500");
        ok(api.post("/api/wallets/" + yen + "/withdrawals", bob, "{\"amount\":\"1500\"}"));
        versions.put(yen, version(ok(api.post("/api/wallets/" + yen + "/close", bob, "{}"))));

        String frozen = api.openWallet(alice, "EUR");
        api.deposit(ADMIN_KEY, frozen, "10.00");
        ok(api.post("/api/wallets/" + frozen + "/freeze", ADMIN_KEY, "{}"));
        versions.put(frozen, version(api.deposit(ADMIN_KEY, frozen, "1.00")));

        String credits = api.openWallet(bob, "CRD");
        versions.put(credits, 1L);

        assertThat(versions.values()).containsExactly(7L, 4L, 4L, 1L);
        return versions;
    }

    /** Waits until both projections have applied every event of these wallets. */
    private void awaitProjected(Map<String, Long> versions) {
        await().atMost(REBUILT_WITHIN).untilAsserted(() -> versions.forEach((walletId, version) -> {
            assertThat(jdbc.queryForList("select version from wallet_view where wallet_id = ?", Long.class, walletId))
                    .as("wallet_view version of %s", walletId).containsExactly(version);
            assertThat(jdbc.queryForList("select last_sequence from wallet_journal_head where wallet_id = ?",
                    Long.class, walletId)).as("journal head of %s", walletId).containsExactly(version - 1);
            assertThat(jdbc.queryForObject("select count(*) from wallet_entry where wallet_id = ?", Long.class,
                    walletId)).as("journal entries of %s", walletId).isEqualTo(version - 1);
        }));
    }

    /** Every column of every row the wallet projections keep for these wallets, in a stable order. */
    private Map<String, List<Map<String, Object>>> snapshot(Map<String, Long> versions) {
        Object[] ids = versions.keySet().toArray();
        String in = String.join(", ", Collections.nCopies(ids.length, "?"));
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("wallet_view", jdbc.queryForList(
                "select * from wallet_view where wallet_id in (" + in + ") order by wallet_id", ids));
        rows.put("wallet_journal_head", jdbc.queryForList(
                "select * from wallet_journal_head where wallet_id in (" + in + ") order by wallet_id", ids));
        rows.put("wallet_entry", jdbc.queryForList(
                "select * from wallet_entry where wallet_id in (" + in + ") order by wallet_id, sequence", ids));
        return rows;
    }

    private static String tableOf(String processor) {
        return processor.equals(WalletProjection.PROCESSING_GROUP) ? "wallet_view" : "wallet_entry";
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private static long version(Response response) {
        return response.json().get("version").asLong();
    }
}
