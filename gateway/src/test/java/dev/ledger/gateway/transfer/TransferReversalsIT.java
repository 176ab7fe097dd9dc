package dev.ledger.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transfer reversals, the transfer list and transfer metadata through HTTP on PostgreSQL (API.md §4, §1): a reversal
 * is a new transfer back, linked both ways, partial or full, never beyond the original, even when reversals race.
 */
class TransferReversalsIT extends IntegrationTest {

    private String alice;
    private String bob;
    private String a;
    private String b;

    @BeforeEach
    void twoWallets() {
        alice = api.clientKey(ADMIN_KEY, newUser("alice"));
        bob = api.clientKey(ADMIN_KEY, newUser("bob"));
        a = api.openWallet(alice, "USD");
        b = api.openWallet(bob, "USD");
        api.deposit(ADMIN_KEY, a, "100.00");
    }

    private Response transfer(String amount, String extra) {
        return api.post("/api/transfers", alice, "{\"fromWalletId\":\"" + a + "\",\"toWalletId\":\"" + b
                + "\",\"amount\":\"" + amount + "\"" + extra + "}");
    }

    private Response reverse(String transferId, String key, String body) {
        return api.post("/api/transfers/" + transferId + "/reverse", key, body);
    }

    private BigDecimal balance(String wallet) {
        return new BigDecimal(api.get("/api/wallets/" + wallet, ADMIN_KEY).text("balance"));
    }

    @Test
    void aTransferShowsItsReferenceAndMetadata() {
        Response sent = transfer("10.00", ",\"reference\":\"rent\",\"metadata\":{\"invoice\":\"inv-1\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("metadata").get("invoice").asText()).isEqualTo("inv-1");
        assertThat(sent.text("reference")).isEqualTo("rent");
        assertThat(sent.json().get("reversalOf").isNull()).isTrue();
        assertThat(sent.text("reversedAmount")).isEqualTo("0.00");
        assertThat(api.get("/api/transfers/" + sent.text("transferId"), bob).json()).isEqualTo(sent.json());
        assertThat(transfer("1.00", "").json().get("metadata")).isEmpty();
        assertThat(transfer("1.00", ",\"metadata\":{\"a b\":\"x\"}").code()).isEqualTo("validation-failed");
    }

    @Test
    void theDestinationsOwnerReversesPartOfATransferThenTheRestAndNoMore() {
        JsonNode before = api.get("/api/stats", ADMIN_KEY).json().get("transfers");
        String original = transfer("30.00", "").text("transferId");

        assertThat(reverse(original, alice, "{\"amount\":\"5.00\"}").status()).as("the source's owner").isEqualTo(403);
        assertThat(reverse(original, api.clientKey(ADMIN_KEY, newUser("eve")), null).status()).isEqualTo(404);
        Response partial = reverse(original, bob, "{\"amount\":\"10.00\",\"reason\":\"damaged\"}");

        assertThat(partial.status()).as(partial.body()).isEqualTo(201);
        String reversal = partial.text("transferId");
        assertThat(partial.header("Location")).isEqualTo("/api/transfers/" + reversal);
        assertThat(partial.text("fromWalletId")).isEqualTo(b);
        assertThat(partial.text("toWalletId")).isEqualTo(a);
        assertThat(partial.text("amount")).isEqualTo("10.00");
        assertThat(partial.text("reversalOf")).isEqualTo(original);
        assertThat(partial.text("reference")).isEqualTo("damaged");
        assertThat(api.get("/api/transfers/" + reversal, alice).text("reversalOf")).isEqualTo(original);

        Response tooMuch = reverse(original, bob, "{\"amount\":\"20.01\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("reversal-exceeds-transfer");
        Response rest = reverse(original, ADMIN_KEY, null);
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(rest.text("amount")).as("defaults to what is left").isEqualTo("20.00");
        assertThat(reverse(original, ADMIN_KEY, null).code()).isEqualTo("reversal-exceeds-transfer");
        Response ofAReversal = reverse(reversal, ADMIN_KEY, null);
        assertThat(ofAReversal.status()).isEqualTo(409);
        assertThat(ofAReversal.code()).isEqualTo("invalid-state-transition");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get("/api/transfers/" + original, alice).text("reversedAmount")).isEqualTo("30.00");
            assertThat(balance(a)).isEqualByComparingTo("100.00");
            assertThat(balance(b)).isEqualByComparingTo("0.00");
            JsonNode after = api.get("/api/stats", ADMIN_KEY).json().get("transfers");
            assertThat(after.get("count").asLong()).isGreaterThanOrEqualTo(before.get("count").asLong() + 3);
            assertThat(after.get("reversals").asLong()).isGreaterThanOrEqualTo(before.get("reversals").asLong() + 2);
        });
    }

    @Test
    void aReversalTheDestinationCannotPayIsRefusedAndMovesNothing() {
        String original = transfer("30.00", "").text("transferId");
        api.post("/api/wallets/" + b + "/withdrawals", bob, "{\"amount\":\"25.00\"}");

        Response refused = reverse(original, bob, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("insufficient-funds");
        assertThat(reverse(original, bob, "{\"amount\":\"5.00\"}").status()).isEqualTo(201);
        assertThat(reverse(UUID.randomUUID().toString(), ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(reverse(original, bob, "{\"amount\":\"1.001\"}").code()).isEqualTo("validation-failed");
    }

    @Test
    void racingReversalsNeverSendBackMoreThanTheTransfer() {
        String original = transfer("10.00", "").text("transferId");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> reverse(original, bob, "{\"amount\":\"1.00\"}"), pool));
            }
            List<Response> answers = calls.stream().map(CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(201, 409,
                    422));
            assertThat(answers.stream().filter(answer -> answer.status() == 201).count()).isLessThanOrEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        // whatever lost a race may be retried: in the end exactly the transfer's amount can come back
        while (reverse(original, bob, "{\"amount\":\"1.00\"}").status() == 201) {
            assertThat(balance(b).signum()).isNotNegative();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get("/api/transfers/" + original, bob).text("reversedAmount")).isEqualTo("10.00");
            assertThat(balance(b)).isEqualByComparingTo("0.00");
            assertThat(balance(a)).isEqualByComparingTo("100.00");
        });
    }

    @Test
    void theListIsNewestFirstForOwnWalletsAndFiltersByWalletStatusAndMetadata() {
        String first = transfer("1.00", ",\"metadata\":{\"shop\":\"s1\",\"channel\":\"web\"}").text("transferId");
        String second = transfer("2.00", ",\"metadata\":{\"shop\":\"s1\"}").text("transferId");
        String carol = api.clientKey(ADMIN_KEY, newUser("carol"));
        String c = api.openWallet(carol, "USD");
        api.deposit(ADMIN_KEY, c, "5.00");
        String elsewhere = api.post("/api/transfers", carol, "{\"fromWalletId\":\"" + c + "\",\"toWalletId\":\"" + b
                + "\",\"amount\":\"1.00\"}").text("transferId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids("/api/transfers", alice)).containsExactly(second, first);
            assertThat(ids("/api/transfers", bob)).containsExactly(elsewhere, second, first);
            assertThat(ids("/api/transfers?walletId=" + c, ADMIN_KEY)).containsExactly(elsewhere);
            assertThat(ids("/api/transfers?walletId=" + a + "&status=COMPLETED", ADMIN_KEY))
                    .containsExactly(second, first);
            assertThat(ids("/api/transfers?walletId=" + a + "&status=FAILED", ADMIN_KEY)).isEmpty();
            assertThat(ids("/api/transfers?walletId=" + a + "&metadata%5Bshop%5D=s1&metadata%5Bchannel%5D=web",
                    ADMIN_KEY)).containsExactly(first);
        });
        Response page = api.get("/api/transfers?walletId=" + a + "&limit=1", alice);
        assertThat(ids(page.json())).containsExactly(second);
        assertThat(ids("/api/transfers?walletId=" + a + "&limit=1&cursor=" + page.json().get("nextCursor").asText(),
                alice)).containsExactly(first);
        assertThat(api.get("/api/transfers?status=DONE", ADMIN_KEY).code()).isEqualTo("validation-failed");
    }

    private List<String> ids(String path, String key) {
        Response page = api.get(path, key);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return ids(page.json());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("transferId").asText()));
        return ids;
    }
}
