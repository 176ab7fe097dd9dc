package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.command.aggregate.AggregateTuning;
import dev.ledger.command.aggregate.VerifiedAggregateCache;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one database, each with its own aggregate cache: what one instance appended, the other never
 * decides without. A cached wallet another instance has changed is reloaded, never trusted.
 */
class TwoInstancesCacheIT {

    private static final String ADMIN = IntegrationTest.ADMIN_KEY;
    private static LedgerInstance first;
    private static LedgerInstance second;

    @BeforeAll
    static void start() {
        first = LedgerInstance.onTestDatabase(ADMIN);
        second = LedgerInstance.onTestDatabase(ADMIN);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aWalletCachedByOneInstanceDecidesOnWhatTheOtherAppended() {
        Api a = first.api();
        Api b = second.api();
        String client = a.clientKey(ADMIN, "cache-" + UUID.randomUUID());
        String wallet = a.openWallet(client, "USD");
        assertThat(a.deposit(ADMIN, wallet, "100.00").status()).isEqualTo(201);
        VerifiedAggregateCache cacheOfFirst = first.bean(AggregateTuning.WALLET_CACHE, VerifiedAggregateCache.class);
        assertThat(cacheOfFirst.containsKey(wallet)).isTrue();

        // the second instance spends everything; the first still has the wallet cached with 100.00
        assertThat(withdraw(b, client, wallet, "100.00").status()).isEqualTo(201);
        Response again = withdraw(a, client, wallet, "100.00");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("insufficient-funds");

        // and the other way round: money the second instance deposits is there for the first
        assertThat(b.deposit(ADMIN, wallet, "50.00").status()).isEqualTo(201);
        Response spent = withdraw(a, client, wallet, "30.00");
        assertThat(spent.status()).isEqualTo(201);
        assertThat(spent.text("balance")).isEqualTo("20.00");
        assertThat(spent.json().get("version").asLong()).isEqualTo(5);
        assertThat(cacheOfFirst.staleEntries()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void racingWithdrawalsOnBothInstancesNeverSpendMoreThanTheWalletHeld() throws Exception {
        Api a = first.api();
        Api b = second.api();
        Owned owned = walletCachedOnBoth("race-", "10.00");
        String client = owned.client();
        String wallet = owned.wallet();
        int perInstance = 40;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * perInstance; i++) {
                Api api = i % 2 == 0 ? a : b;
                Callable<Response> call = () -> withdraw(api, client, wallet, "0.50");
                answers.add(threads.submit(call));
            }
            int succeeded = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(201, 409, 422);
                if (response.status() == 201) {
                    succeeded++;
                }
            }
            // 9.99 left after the first 0.01: at most 19 withdrawals of 0.50 can succeed
            assertThat(succeeded).isLessThanOrEqualTo(19);
            assertThat(withdrawnEvents(wallet)).isEqualTo(succeeded + 1);
            // whichever instance answers next, it answers from the store's state: 9.99 - 0.50 x succeeded
            long leftMinor = 999 - 50L * succeeded;
            Response last = withdraw(a, client, wallet, "0.01");
            assertThat(last.status()).isEqualTo(201);
            assertThat(last.text("balance")).isEqualTo(String.format("%d.%02d", (leftMinor - 1) / 100,
                    (leftMinor - 1) % 100));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSameRequestSentToBothInstancesAtOnceTakesEffectOnceAndEveryCopyGetsItsAnswer() throws Exception {
        Api a = first.api();
        Api b = second.api();
        Owned owned = walletCachedOnBoth("twice-", "100.00");
        String client = owned.client();
        String wallet = owned.wallet();
        int keys = 30;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<List<Future<Response>>> copies = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = "twice-" + k + "-" + UUID.randomUUID();
                List<Future<Response>> ofKey = new ArrayList<>();
                // two copies on each instance: on one instance the second copy may join the first's group commit
                for (Api api : List.of(a, b, a, b)) {
                    ofKey.add(threads.submit(() -> api.post("/api/wallets/" + wallet + "/withdrawals", client, key,
                            "{\"amount\":\"0.25\"}")));
                }
                copies.add(ofKey);
            }
            for (List<Future<Response>> ofKey : copies) {
                List<Response> answers = new ArrayList<>();
                for (Future<Response> copy : ofKey) {
                    answers.add(copy.get());
                }
                assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
                assertThat(answers).extracting(answer -> answer.text("entryId")).containsOnly(
                        answers.get(0).text("entryId"));
                assertThat(answers).filteredOn(answer -> !"true".equals(answer.header("Idempotent-Replayed")))
                        .hasSize(1);
            }
            assertThat(withdrawnEvents(wallet)).isEqualTo(keys + 1);
            Response last = withdraw(b, client, wallet, "0.01");
            assertThat(last.text("balance")).isEqualTo("92.48"); // 100.00 - 0.01 - 30 x 0.25 - 0.01
        } finally {
            threads.shutdownNow();
        }
    }

    /** A client's wallet holding {@code amount} less 0.01, which both instances have cached. */
    private static Owned walletCachedOnBoth(String clientPrefix, String amount) {
        String client = first.api().clientKey(ADMIN, clientPrefix + UUID.randomUUID());
        String wallet = first.api().openWallet(client, "USD");
        assertThat(first.api().deposit(ADMIN, wallet, amount).status()).isEqualTo(201);
        withdraw(second.api(), client, wallet, "0.01");
        return new Owned(client, wallet);
    }

    private record Owned(String client, String wallet) {
    }

    private static long withdrawnEvents(String wallet) {
        return new JdbcTemplate(first.bean(javax.sql.DataSource.class)).queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? "
                        + "and payload_type like '%MoneyWithdrawn'", Long.class, wallet);
    }

    private static Response withdraw(Api api, String client, String wallet, String amount) {
        return api.post("/api/wallets/" + wallet + "/withdrawals", client, "w-" + UUID.randomUUID(),
                "{\"amount\":\"" + amount + "\"}");
    }
}
