package dev.ledger.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/stats} on a database other tests share: the wallets here are in ISK, a currency no other test
 * uses, so their totals can be checked exactly (as growth over what was there before: a rerun on the same database
 * finds the wallets of the last run).
 */
class StatsIT extends IntegrationTest {

    private static final List<String> STATES = List.of("CREATED", "FUNDED", "RELEASED", "REFUNDED", "EXPIRED");

    private record Totals(long wallets, BigDecimal balance, BigDecimal held, BigDecimal available) {
    }

    private Totals isk(JsonNode stats) {
        return StreamSupport.stream(stats.get("currencies").spliterator(), false)
                .filter(c -> c.get("currency").asText().equals("ISK"))
                .map(c -> new Totals(c.get("wallets").asLong(), new BigDecimal(c.get("balance").asText()),
                        new BigDecimal(c.get("held").asText()), new BigDecimal(c.get("available").asText())))
                .findFirst().orElse(new Totals(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private static long escrowCount(JsonNode stats) {
        return STATES.stream().mapToLong(state -> stats.get("escrows").get(state).asLong()).sum();
    }

    private JsonNode stats(String key) {
        Response response = api.get("/api/stats", key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void totalsPerCurrencyAndEscrowsPerState() {
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        JsonNode before = stats(auditor);
        assertThat(before.get("escrows").size()).isEqualTo(STATES.size());
        STATES.forEach(state -> assertThat(before.get("escrows").get(state).isIntegralNumber()).as(state).isTrue());
        Totals iskBefore = isk(before);

        String owner = api.clientKey(ADMIN_KEY, newUser("owner"));
        String first = api.openWallet(owner, "ISK");
        String second = api.openWallet(owner, "ISK");
        api.deposit(ADMIN_KEY, first, "1000");
        api.deposit(ADMIN_KEY, second, "250");
        assertThat(api.post("/api/wallets/" + first + "/holds", owner, "{\"amount\":\"100\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/wallets/" + second + "/withdrawals", owner, "{\"amount\":\"50\"}").status())
                .isEqualTo(201);

        String buyer = api.clientKey(ADMIN_KEY, newUser("buyer"));
        String seller = api.clientKey(ADMIN_KEY, newUser("seller"));
        String buyerWallet = api.openWallet(buyer, "USD");
        String sellerWallet = api.openWallet(seller, "USD");
        api.deposit(ADMIN_KEY, buyerWallet, "100.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + buyerWallet, buyer).status() == 200
                && api.get("/api/wallets/" + sellerWallet, seller).status() == 200);
        Map<String, List<String>> escrows = Map.of("CREATED", List.of(), "FUNDED", List.of("fund"),
                "RELEASED", List.of("fund", "release"), "REFUNDED", List.of("fund", "refund"));
        escrows.forEach((state, actions) -> {
            Response created = api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + buyerWallet
                    + "\",\"sellerWalletId\":\"" + sellerWallet + "\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Response last = created;
            for (String action : actions) {
                last = api.post("/api/escrows/" + created.text("escrowId") + "/" + action, buyer, "{}");
                assertThat(last.status()).as(last.body()).isEqualTo(200);
            }
            assertThat(last.text("state")).isEqualTo(state);
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode after = stats(auditor);
            Totals iskAfter = isk(after);
            assertThat(iskAfter.wallets()).isEqualTo(iskBefore.wallets() + 2);
            assertThat(iskAfter.balance().subtract(iskBefore.balance())).isEqualByComparingTo("1200");
            assertThat(iskAfter.held().subtract(iskBefore.held())).isEqualByComparingTo("100");
            assertThat(iskAfter.available().subtract(iskBefore.available())).isEqualByComparingTo("1100");
            assertThat(iskAfter.available()).isEqualByComparingTo(iskAfter.balance().subtract(iskAfter.held()));
            // other escrows may change state meanwhile (expiry), but none appear or vanish
            assertThat(escrowCount(after)).isEqualTo(escrowCount(before) + 4);
            for (String state : List.of("CREATED", "RELEASED", "REFUNDED")) {
                assertThat(after.get("escrows").get(state).asLong()).as(state)
                        .isGreaterThanOrEqualTo(before.get("escrows").get(state).asLong() + 1);
            }
        });
        JsonNode usd = StreamSupport.stream(stats(ADMIN_KEY).get("currencies").spliterator(), false)
                .filter(c -> c.get("currency").asText().equals("USD")).findFirst().orElseThrow();
        assertThat(usd.get("wallets").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(new BigDecimal(usd.get("balance").asText())).isGreaterThanOrEqualTo(new BigDecimal("100.00"));
        assertThat(usd.get("balance").asText()).matches("-?\\d+\\.\\d{2}");
        assertThat(isk(stats(ADMIN_KEY)).balance().scale()).isZero();

        Response client = api.get("/api/stats", owner);
        assertThat(client.status()).isEqualTo(403);
        assertThat(client.code()).isEqualTo("forbidden");
    }
}
