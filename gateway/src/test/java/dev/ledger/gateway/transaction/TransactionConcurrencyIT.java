package dev.ledger.gateway.transaction;

import static dev.ledger.gateway.transaction.TransactionsIT.body;
import static dev.ledger.gateway.transaction.TransactionsIT.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.Sealed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Transactions racing each other and every other kind of movement on the same wallets, with group commit on (it
 * always is): no deadlock that outlives its retry, no overdraft, money conserved, and the audit verifies the result.
 */
class TransactionConcurrencyIT extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private final ExecutorService pool = Executors.newFixedThreadPool(30);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private String alice;
    private String bob;
    private String carol;
    private String a;
    private String b;
    private String c;

    @BeforeEach
    void threeWallets() {
        alice = api.clientKey(ADMIN_KEY, newUser("alice"));
        bob = api.clientKey(ADMIN_KEY, newUser("bob"));
        carol = api.clientKey(ADMIN_KEY, newUser("carol"));
        a = api.openWallet(alice, "USD");
        b = api.openWallet(bob, "USD");
        c = api.openWallet(carol, "USD");
    }

    private BigDecimal balance(String wallet) {
        return new BigDecimal(api.get("/api/wallets/" + wallet, ADMIN_KEY).text("balance"));
    }

    private List<Response> race(List<Supplier<Response>> calls) {
        List<CompletableFuture<Response>> running = calls.stream()
                .map(call -> CompletableFuture.supplyAsync(call, pool)).toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void thirtyTransactionsOnAWalletThatCanPayTenSucceedExactlyTenTimes() {
        api.deposit(ADMIN_KEY, a, "10.00");
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> api.post("/api/transactions", alice, body("USD", "", leg(a, "debit", "1.00"),
                    leg(b, "credit", "0.60"), leg(c, "credit", "0.40"))));
        }

        List<Response> answers = race(calls);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(201, 422));
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).hasSize(10);
        assertThat(answers.stream().filter(answer -> answer.status() == 422))
                .allSatisfy(answer -> assertThat(answer.code()).isEqualTo("insufficient-funds"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(balance(a)).isEqualByComparingTo("0.00");
            assertThat(balance(b)).isEqualByComparingTo("6.00");
            assertThat(balance(c)).isEqualByComparingTo("4.00");
        });
    }

    /**
     * Transactions in every direction, transfers both ways, holds placed and voided, escrows funded and released, all
     * on the same three wallets at once. Each answer is a success or a business refusal; nothing deadlocks for good,
     * no wallet overdraws, the total stays what was deposited, and the audit replays it all without a mismatch.
     */
    @Test
    void transactionsTransfersHoldsAndEscrowsOnTheSameWalletsConserveMoneyAndVerify() {
        for (String wallet : List.of(a, b, c)) {
            api.deposit(ADMIN_KEY, wallet, "100.00");
        }
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> api.post("/api/transactions", alice, body("USD", "", leg(a, "debit", "3.00"),
                    leg(b, "credit", "2.00"), leg(c, "credit", "1.00"))));
            calls.add(() -> api.post("/api/transactions", ADMIN_KEY, body("USD", "", leg(c, "debit", "2.00"),
                    leg(b, "debit", "2.00"), leg(a, "credit", "4.00"))));
            calls.add(() -> api.post("/api/transfers", bob, "{\"fromWalletId\":\"" + b + "\",\"toWalletId\":\"" + a
                    + "\",\"amount\":\"1.50\"}"));
            calls.add(() -> api.post("/api/transfers", carol, "{\"fromWalletId\":\"" + c + "\",\"toWalletId\":\""
                    + b + "\",\"amount\":\"2.50\"}"));
            calls.add(() -> holdThenVoid(b, bob));
            calls.add(() -> escrowReleased(alice, a, c));
        }

        List<Response> answers = race(calls);

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isIn(200, 201, 409, 422);
            if (answer.status() >= 400) {
                assertThat(answer.code()).as(answer.body()).isIn("insufficient-funds", "hold-not-active");
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            BigDecimal total = balance(a).add(balance(b)).add(balance(c));
            assertThat(total).isEqualByComparingTo("300.00");
            for (String wallet : List.of(a, b, c)) {
                JsonNode view = api.get("/api/wallets/" + wallet, ADMIN_KEY).json();
                assertThat(new BigDecimal(view.get("available").asText()).signum()).isNotNegative();
                assertThat(new BigDecimal(view.get("held").asText())).isEqualByComparingTo("0.00");
            }
        });
        Sealed.upToTheHead(jdbc);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response verified = api.post("/api/audit/verify", ADMIN_KEY, null);
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().get("ok").asBoolean()).as(verified.body()).isTrue();
        });
    }

    private Response holdThenVoid(String wallet, String key) {
        Response placed = api.post("/api/wallets/" + wallet + "/holds", key, "{\"amount\":\"5.00\"}");
        if (placed.status() != 201) {
            return placed;
        }
        return api.post("/api/wallets/" + wallet + "/holds/" + placed.text("holdId") + "/void", key, null);
    }

    private Response escrowReleased(String key, String buyerWallet, String sellerWallet) {
        Response created = api.post("/api/escrows", key, "{\"buyerWalletId\":\"" + buyerWallet
                + "\",\"sellerWalletId\":\"" + sellerWallet + "\",\"amount\":\"4.00\",\"currency\":\"USD\"}");
        if (created.status() != 201) {
            return created;
        }
        String escrow = created.text("escrowId");
        Response funded = api.post("/api/escrows/" + escrow + "/fund", key, null);
        if (funded.status() != 200) {
            return funded;
        }
        return api.post("/api/escrows/" + escrow + "/release", key, null);
    }
}
