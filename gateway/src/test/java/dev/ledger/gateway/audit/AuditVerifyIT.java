package dev.ledger.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.Sealed;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification through HTTP on PostgreSQL: after every kind of command the whole ledger verifies; a read model
 * changed by hand and an event rewritten behind the service's back (append-only trigger disabled) are both named.
 */
class AuditVerifyIT extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private String auditor;
    private String owner;
    private String wallet;

    @BeforeEach
    void aWorkloadOfEveryKind() {
        auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        String buyerId = newUser("verified-buyer");
        owner = api.clientKey(ADMIN_KEY, buyerId);
        String seller = api.clientKey(ADMIN_KEY, newUser("verified-seller"));
        wallet = api.openWallet(owner, "USD");
        String other = api.openWallet(seller, "USD");
        String yen = api.openWallet(owner, "JPY");
        api.deposit(ADMIN_KEY, wallet, "500.00");
        api.deposit(ADMIN_KEY, yen, "1500");
        ok(api.post("/api/wallets/" + wallet + "/withdrawals", owner, "{\"amount\":\"20.00\"}"), 201);
        ok(api.post("/api/wallets/" + yen + "/withdrawals", owner, "{\"amount\":\"300\"}"), 201);

        String captured = ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"40.00\"}"), 201)
                .text("holdId");
        ok(api.post("/api/wallets/" + wallet + "/holds/" + captured + "/capture", owner, "{\"amount\":\"25.00\"}"),
                200);
        String voided = ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"10.00\"}"), 201)
                .text("holdId");
        ok(api.post("/api/wallets/" + wallet + "/holds/" + voided + "/void", owner, null), 200);
        ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"5.00\"}"), 201);

        Response transfer = api.post("/api/transfers", owner, "{\"fromWalletId\":\"" + wallet + "\",\"toWalletId\":\""
                + other + "\",\"amount\":\"30.00\",\"reference\":\"rent\"}");
        assertThat(transfer.status()).as(transfer.body()).isIn(201, 202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "COMPLETED".equals(api.get("/api/transfers/" + transfer.text("transferId"), owner).text("status")));

        String released = escrow(other, "60.00");
        ok(api.post("/api/escrows/" + released + "/fund", owner, null), 200);
        ok(api.post("/api/escrows/" + released + "/release", owner, null), 200);
        String refunded = escrow(other, "70.00");
        ok(api.post("/api/escrows/" + refunded + "/fund", owner, null), 200);
        ok(api.post("/api/escrows/" + refunded + "/refund", ADMIN_KEY, null), 200);
        escrow(other, "1.00");

        ok(api.post("/api/wallets/" + yen + "/freeze", ADMIN_KEY, null), 200);
        ok(api.post("/api/wallets/" + yen + "/unfreeze", ADMIN_KEY, null), 200);
    }

    private String escrow(String sellerWallet, String amount) {
        return ok(api.post("/api/escrows", owner, "{\"buyerWalletId\":\"" + wallet + "\",\"sellerWalletId\":\""
                + sellerWallet + "\",\"amount\":\"" + amount + "\",\"currency\":\"USD\"}"), 201).text("escrowId");
    }

    private static Response ok(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private JsonNode verify() {
        Response verified = api.post("/api/audit/verify", auditor, null);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json();
    }

    /** Verification once the read models and the sealer have caught up with every event so far. */
    private JsonNode settledVerification() {
        Sealed.upToTheHead(jdbc);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last[0] = verify();
            assertThat(last[0].get("ok").asBoolean()).as(last[0].toPrettyString()).isTrue();
        });
        return last[0];
    }

    @Test
    void theWholeLedgerVerifiesAfterEveryKindOfCommand() {
        JsonNode report = settledVerification();

        assertThat(report.get("mismatches")).isEmpty();
        assertThat(report.get("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(jdbc.queryForObject("select count(*) from event_seal", Long.class)).isPositive();
    }

    @Test
    void aCurrencyWhoseTotalPassesTheLongRangeVerifies() {
        // two wallets each holding the most one wallet can: 2 × (2^63 − 1) minor units of one currency in all
        String max = "9223372036854775.807";
        for (int i = 0; i < 2; i++) {
            String dinars = api.openWallet(owner, "BHD");
            api.deposit(ADMIN_KEY, dinars, max);
            assertThat(api.get("/api/wallets/" + dinars + "?minVersion=2", owner).text("balance")).isEqualTo(max);
        }

        JsonNode report = settledVerification();

        assertThat(report.get("mismatches")).isEmpty();
        JsonNode stats = api.get("/api/stats", auditor).json();
        assertThat(stats.get("currencies")).anySatisfy(currency -> {
            assertThat(currency.get("currency").asText()).isEqualTo("BHD");
            assertThat(new BigDecimal(currency.get("balance").asText()))
                    .isGreaterThanOrEqualTo(new BigDecimal("18446744073709551.614"));
        });
    }

    @Test
    void aReadModelChangedByHandIsNamed() {
        settledVerification();
        jdbc.update("update wallet_view set balance = balance + 1 where wallet_id = ?", wallet);
        try {
            JsonNode report = verify();

            assertThat(report.get("ok").asBoolean()).isFalse();
            assertThat(mismatches(report)).anySatisfy(m -> {
                assertThat(m.get("kind").asText()).isEqualTo("field");
                assertThat(m.get("aggregate").asText()).isEqualTo(wallet);
                assertThat(m.get("field").asText()).isEqualTo("wallet_view.balance");
                assertThat(m.get("expected").asText()).isEqualTo("36500");
                assertThat(m.get("found").asText()).isEqualTo("36501");
            });
        } finally {
            jdbc.update("update wallet_view set balance = balance - 1 where wallet_id = ?", wallet);
        }
        assertThat(verify().get("ok").asBoolean()).as("restored").isTrue();
    }

    @Test
    void anEventRewrittenBehindTheServicesBackIsReportedAtItsPosition() {
        settledVerification();
        Map<String, Object> deposit = jdbc.queryForMap("""
                select global_index, payload from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%MoneyDeposited'""", wallet);
        long position = ((Number) deposit.get("global_index")).longValue();
        byte[] original = (byte[]) deposit.get("payload");
        String json = new String(original, StandardCharsets.UTF_8);
        assertThat(json).contains("50000");
        rewrite(position, json.replace("50000", "90000").getBytes(StandardCharsets.UTF_8));
        try {
            JsonNode report = verify();

            assertThat(report.get("ok").asBoolean()).isFalse();
            List<JsonNode> chain = mismatches(report).stream()
                    .filter(m -> m.get("kind").asText().equals("hash-chain")).toList();
            assertThat(chain).hasSize(1);
            assertThat(chain.get(0).get("position").asLong()).isEqualTo(position);
            assertThat(chain.get(0).get("aggregate").asText()).isEqualTo(wallet);
            assertThat(chain.get(0).get("field").asText()).isEqualTo("event_seal.hash");
        } finally {
            rewrite(position, original);
        }
        assertThat(verify().get("ok").asBoolean()).as("restored").isTrue();
    }

    @Test
    void clientsMayNotVerify() {
        Response refused = api.post("/api/audit/verify", owner, null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.post("/api/audit/verify", ADMIN_KEY, null).status()).isEqualTo(200);
    }

    private void rewrite(long position, byte[] payload) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.execute("alter table domain_event_entry disable trigger domain_event_entry_append_only");
            jdbc.update("update domain_event_entry set payload = ? where global_index = ?", payload, position);
            jdbc.execute("alter table domain_event_entry enable trigger domain_event_entry_append_only");
        });
    }

    private static List<JsonNode> mismatches(JsonNode report) {
        List<JsonNode> found = new ArrayList<>();
        report.get("mismatches").forEach(found::add);
        return found;
    }
}
