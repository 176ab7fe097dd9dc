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
 * Transfers through HTTP on PostgreSQL: settled in the request exactly once, a refusal moves nothing on either wallet,
 * money conserved, opposite transfers never wait on each other for good.
 */
class TransfersIT extends IntegrationTest {

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
        api.deposit(ADMIN_KEY, b, "100.00");
    }

    private Response transfer(String key, String from, String to, String amount) {
        return api.post("/api/transfers", key, "{\"fromWalletId\":\"" + from + "\",\"toWalletId\":\"" + to
                + "\",\"amount\":\"" + amount + "\",\"reference\":\"rent\"}");
    }

    /** The wallet's events as the event store holds them: what a refusal must not have added to. */
    private List<String> eventTypes(String wallet, String key) {
        Response events = api.get("/api/wallets/" + wallet + "/events", key);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        events.json().get("items").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private String balance(String wallet, String key) {
        return api.get("/api/wallets/" + wallet, key).text("balance");
    }

    @Test
    void aTransferDebitsTheSourceAndCreditsTheDestinationOnce() {
        Response done = transfer(alice, a, b, "30.00");

        assertThat(done.status()).as(done.body()).isEqualTo(201);
        JsonNode view = done.json();
        String id = view.get("transferId").asText();
        assertThat(done.header("Location")).isEqualTo("/api/transfers/" + id);
        assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("amount").asText()).isEqualTo("30.00");
        assertThat(view.get("currency").asText()).isEqualTo("USD");
        assertThat(view.get("failureCode").isNull()).isTrue();
        assertThat(view.get("completedAt").isNull()).isFalse();
        assertThat(view.has("version")).isFalse();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(balance(a, alice)).isEqualTo("70.00");
            assertThat(balance(b, bob)).isEqualTo("130.00");
        });
        assertThat(api.get("/api/transfers/" + id, bob).json()).isEqualTo(view);
        assertThat(api.get("/api/transfers/" + id, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/transfers/" + id, api.keyWithRole(ADMIN_KEY, "auditor")).status()).isEqualTo(200);
        assertThat(api.get("/api/transfers/" + id, api.clientKey(ADMIN_KEY, newUser("eve"))).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            // the journal is its own read model: until it has the entries, get(0) is null, which is no assertion
            assertThat(api.get("/api/wallets/" + a + "/entries", alice).json().get("items")).hasSize(2);
            assertThat(api.get("/api/wallets/" + b + "/entries", bob).json().get("items")).hasSize(2);
            JsonNode sent = api.get("/api/wallets/" + a + "/entries?limit=1", alice).json().get("items").get(0);
            assertThat(sent.get("type").asText()).isEqualTo("TRANSFER_SENT");
            assertThat(sent.get("counterparty").asText()).isEqualTo(b);
            assertThat(sent.get("balanceAfter").asText()).isEqualTo("70.00");
            JsonNode received = api.get("/api/wallets/" + b + "/entries?limit=1", bob).json().get("items").get(0);
            assertThat(received.get("type").asText()).isEqualTo("TRANSFER_RECEIVED");
            assertThat(received.get("counterparty").asText()).isEqualTo(a);
            assertThat(received.get("reference").asText()).isEqualTo("rent");
        });
    }

    @Test
    void aRetriedTransferIsReplayedAndMovesMoneyOnce() {
        String body = "{\"fromWalletId\":\"" + a + "\",\"toWalletId\":\"" + b + "\",\"amount\":\"5.00\"}";
        Response first = api.post("/api/transfers", alice, "t-" + UUID.randomUUID(), body);
        String key = "same-" + UUID.randomUUID();
        Response once = api.post("/api/transfers", alice, key, body);
        Response twice = api.post("/api/transfers", alice, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(twice.status()).isEqualTo(201);
        assertThat(twice.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(twice.body()).isEqualTo(once.body());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(a, alice)).isEqualTo("90.00"));
    }

    @Test
    void refusalsBeforeAnyMoneyMoves() {
        assertThat(transfer(alice, a, b, "100.01").code()).isEqualTo("insufficient-funds");
        assertThat(transfer(alice, a, a, "1.00").code()).isEqualTo("validation-failed");
        assertThat(transfer(alice, a, "not-a-wallet", "1.00").code()).isEqualTo("validation-failed");
        assertThat(transfer(alice, a, b, "1.001").code()).isEqualTo("validation-failed");
        assertThat(transfer(bob, a, b, "1.00").status()).isEqualTo(404);
        assertThat(transfer(api.keyWithRole(ADMIN_KEY, "auditor"), a, b, "1.00").status()).isEqualTo(403);
        String euros = api.openWallet(bob, "EUR");
        Response mismatch = transfer(alice, a, euros, "1.00");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("currency-mismatch");
        api.post("/api/wallets/" + a + "/freeze", ADMIN_KEY, null);
        assertThat(transfer(alice, a, b, "1.00").code()).isEqualTo("wallet-not-active");
        assertThat(transfer(ADMIN_KEY, b, a, "1.00").status()).as("a frozen wallet still receives").isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(a, alice)).isEqualTo("101.00"));
    }

    @Test
    void aTransferTheDestinationRefusesMovesNothingOnEitherWallet() {
        String closed = api.openWallet(bob, "USD");
        api.post("/api/wallets/" + closed + "/close", bob, null);

        Response refused = transfer(alice, a, closed, "10.00");
        Response unknown = transfer(alice, a, UUID.randomUUID().toString(), "20.00");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("wallet-not-active");
        assertThat(refused.json().get("currentState").asText()).isEqualTo("CLOSED");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(eventTypes(a, alice)).containsExactly("WalletOpened", "MoneyDeposited");
        assertThat(eventTypes(closed, bob)).containsExactly("WalletOpened", "WalletClosed");
        // version 2 (opened, deposited): the read model has seen the deposit, and nothing after it happened
        assertThat(api.get("/api/wallets/" + a + "?minVersion=2", alice).text("balance")).isEqualTo("100.00");
        // the source decides on what committed, not on the debits it took back (its cached aggregate included)
        assertThat(transfer(alice, a, b, "100.01").code()).isEqualTo("insufficient-funds");
        assertThat(transfer(alice, a, b, "100.00").status()).isEqualTo(201);
    }

    @Test
    void aRefusalIsAnsweredAgainForItsKeyAndStillMovesNothing() {
        String euros = api.openWallet(bob, "EUR");
        String body = "{\"fromWalletId\":\"" + a + "\",\"toWalletId\":\"" + euros + "\",\"amount\":\"5.00\"}";
        String key = "refused-" + UUID.randomUUID();

        Response first = api.post("/api/transfers", alice, key, body);
        Response again = api.post("/api/transfers", alice, key, body);

        assertThat(first.code()).isEqualTo("currency-mismatch");
        assertThat(again.code()).isEqualTo("currency-mismatch");
        assertThat(eventTypes(a, alice)).containsExactly("WalletOpened", "MoneyDeposited");
        assertThat(eventTypes(euros, bob)).containsExactly("WalletOpened");
    }

    @Test
    void hundredConcurrentTransfersBothWaysKeepTheTotalAndNeverOverdraw() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                boolean forth = i % 2 == 0;
                calls.add(CompletableFuture.supplyAsync(() -> forth ? transfer(alice, a, b, "7.00")
                        : transfer(bob, b, a, "3.00"), pool));
            }
            for (CompletableFuture<Response> call : calls) {
                Response response = call.join();
                assertThat(response.status()).as(response.body()).isIn(201, 422);
                if (response.status() == 422) {
                    assertThat(response.code()).isEqualTo("insufficient-funds");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            BigDecimal left = new BigDecimal(balance(a, alice));
            BigDecimal right = new BigDecimal(balance(b, bob));
            assertThat(left.add(right)).isEqualByComparingTo("200.00");
            assertThat(left.signum()).isNotNegative();
            assertThat(right.signum()).isNotNegative();
            JsonNode view = api.get("/api/wallets/" + a, alice).json();
            assertThat(view.get("version").asLong()).isEqualTo(api.get("/api/wallets/" + a + "/entries?limit=500",
                    alice).json().get("items").size() + 1);
        });
    }
}
