package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.LedgerInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no database configured the service runs on its embedded H2 file database: the README walkthrough
 * works, nothing is lost across a restart, and a revoked API key is refused at once without anyone listening.
 */
class EmbeddedDatabaseIT {

    private static final String ADMIN = "lk_embedded-admin";

    @TempDir
    Path dataDir;

    @Test
    void theWalkthroughWorksOnTheEmbeddedDefaultAndSurvivesARestart() {
        Map<String, String> embedded = Map.of("ledger.data-dir", dataDir.toString(), "ledger.admin-api-key", ADMIN);
        String client;
        String wallet;
        Response withdrawal;
        try (LedgerInstance ledger = LedgerInstance.start(embedded)) {
            Api api = ledger.api();
            assertThat(ledger.management().get("/actuator/health", null).json()
                    .at("/components/db/details/database").asText())
                    .isEqualTo("H2");
            client = api.clientKey(ADMIN, "alice");
            wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN, wallet, "100.00");
            withdrawal = api.post("/api/wallets/" + wallet + "/withdrawals", client, "walk-1", "{\"amount\":\"30.00\"}");
            assertThat(withdrawal.status()).isEqualTo(201);
            Response replayed = api.post("/api/wallets/" + wallet + "/withdrawals", client, "walk-1",
                    "{\"amount\":\"30.00\"}");
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.body()).isEqualTo(withdrawal.body());
        }
        assertThat(Files.exists(dataDir.resolve("ledger.mv.db"))).isTrue();

        try (LedgerInstance restarted = LedgerInstance.start(embedded)) {
            Api api = restarted.api();
            Response view = api.get("/api/wallets/" + wallet + "?minVersion=3", client);
            assertThat(view.text("balance")).isEqualTo("70.00");
            Response replayed = api.post("/api/wallets/" + wallet + "/withdrawals", client, "walk-1",
                    "{\"amount\":\"30.00\"}");
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.body()).isEqualTo(withdrawal.body());
            // sealing and verification on H2 too: every event sealed, then the whole ledger verifies
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Response verified = api.post("/api/audit/verify", ADMIN, null);
                assertThat(verified.json().get("ok").asBoolean()).as(verified.body()).isTrue();
                assertThat(verified.json().get("eventsChecked").asLong()).isEqualTo(3);
            });
            // a replay on H2 too: the rebuilt rows are copied in, in one transaction
            for (String name : List.of("wallets", "wallet-entries")) {
                Response accepted = api.post("/api/admin/projections/" + name + "/replay", ADMIN, null);
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (JsonNode item : api.get("/api/admin/projections", ADMIN).json().get("items")) {
                    if (List.of("wallets", "wallet-entries").contains(item.get("name").asText())) {
                        assertThat(item.at("/lastReplay/state").asText()).as(item.toString()).isEqualTo("DONE");
                    }
                }
            });
            assertThat(api.get("/api/wallets/" + wallet, client).text("balance")).isEqualTo("70.00");
            assertThat(api.get("/api/wallets/" + wallet + "/entries", client).json().get("items")).hasSize(2);
            Response verified = api.post("/api/audit/verify", ADMIN, null);
            assertThat(verified.json().get("ok").asBoolean()).as(verified.body()).isTrue();
            // one instance, nobody to tell: the key it has cached is refused on the very next request all the same
            Response bob = api.post("/api/admin/api-keys", ADMIN, null, "{\"role\":\"client\",\"userId\":\"bob\"}");
            assertThat(api.get("/api/wallets", bob.text("key")).status()).isEqualTo(200);
            assertThat(api.get("/api/wallets", bob.text("key")).status()).isEqualTo(200);
            assertThat(api.delete("/api/admin/api-keys/" + bob.text("keyId"), ADMIN).status()).isEqualTo(204);
            assertThat(api.get("/api/wallets", bob.text("key")).status()).isEqualTo(401);
        }
    }
}
