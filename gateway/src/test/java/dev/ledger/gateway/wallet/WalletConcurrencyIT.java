package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Real threads against one wallet or many: money is conserved, never overdrawn, never moved twice. */
class WalletConcurrencyIT extends IntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void hundredConcurrentWithdrawalsOfOneAgainstFiftyEndWithExactlyFiftySuccessesAndNothingLeft() throws Exception {
        String client = api.clientKey(ADMIN_KEY, newUser("racer"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "50.00");

        List<Response> responses = concurrently(100, i ->
                api.post("/api/wallets/" + wallet + "/withdrawals", client, "{\"amount\":\"1.00\"}"));

        assertThat(responses).extracting(Response::status).containsOnly(201, 422);
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(50);
        assertThat(responses.stream().filter(r -> r.status() == 422)).allSatisfy(r ->
                assertThat(r.code()).isEqualTo("insufficient-funds"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response view = api.get("/api/wallets/" + wallet, client);
            assertThat(view.text("balance")).isEqualTo("0.00");
            assertThat(view.json().get("version").asLong()).isEqualTo(2 + 50);
        });
    }

    @Test
    void fiftyConcurrentRequestsWithOneIdempotencyKeyMoveMoneyOnce() throws Exception {
        String client = api.clientKey(ADMIN_KEY, newUser("duplicator"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "100.00");

        List<Response> responses = concurrently(50, i ->
                api.post("/api/wallets/" + wallet + "/withdrawals", client, "same-key", "{\"amount\":\"7.00\"}"));

        List<Response> successes = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
        assertThat(successes).isNotEmpty();
        assertThat(successes).extracting(r -> r.text("entryId")).containsOnly(successes.get(0).text("entryId"));
        assertThat(successes.stream().filter(r -> !"true".equals(r.header("Idempotent-Replayed")))).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409)).allSatisfy(r ->
                assertThat(r.code()).isEqualTo("idempotency-key-in-flight"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response view = api.get("/api/wallets/" + wallet, client);
            assertThat(view.text("balance")).isEqualTo("93.00");
            assertThat(view.json().get("version").asLong()).isEqualTo(3);
        });
    }

    @Test
    void concurrentCommandsOnOneWalletShareTransactionsAndEachKeepsItsOwnOutcome() throws Exception {
        String client = api.clientKey(ADMIN_KEY, newUser("grouped"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "30.00");
        DistributionSummary batches = meters.get("ledger.commands.batch").summary();
        long transactionsBefore = batches.count();
        double commandsBefore = batches.totalAmount();

        // 40 withdrawals against 30.00, each sent twice at once with its own key: 80 requests, 40 commands
        List<Response> responses = concurrently(80, i ->
                api.post("/api/wallets/" + wallet + "/withdrawals", client, "grouped-" + (i / 2),
                        "{\"amount\":\"1.00\"}"));

        Map<String, List<Response>> byKey = new java.util.TreeMap<>();
        for (int i = 0; i < responses.size(); i++) {
            byKey.computeIfAbsent("grouped-" + (i / 2), k -> new ArrayList<>()).add(responses.get(i));
        }
        long withdrawn = 0;
        for (List<Response> pair : byKey.values()) {
            List<Response> decided = pair.stream().filter(r -> r.status() != 409).toList();
            assertThat(pair).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 422, 409));
            assertThat(decided).as("a key's answers agree").isNotEmpty();
            assertThat(decided).extracting(Response::body).containsOnly(decided.get(0).body());
            if (decided.get(0).status() == 201) {
                withdrawn++;
            } else {
                assertThat(decided.get(0).code()).isEqualTo("insufficient-funds");
            }
        }
        assertThat(withdrawn).isEqualTo(30);
        // the entries' balances are one unbroken sequence: every command saw the one before it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response view = api.get("/api/wallets/" + wallet, client);
            assertThat(view.text("balance")).isEqualTo("0.00");
            assertThat(view.json().get("version").asLong()).isEqualTo(2 + 30);
        });
        double commands = batches.totalAmount() - commandsBefore;
        long transactions = batches.count() - transactionsBefore;
        assertThat(commands).as("commands that ran").isGreaterThanOrEqualTo(40);
        assertThat(transactions).as("fewer transactions than commands: group commit").isLessThan((long) commands);
    }

    @Test
    void concurrentCommandsOnManyWalletsShareTransactionsAndARefusalElsewhereChangesNoOutcome() throws Exception {
        String client = api.clientKey(ADMIN_KEY, newUser("lanes"));
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN_KEY, wallet, "1.00");
            wallets.add(wallet);
        }
        DistributionSummary batches = meters.get("ledger.commands.batch").summary();
        long transactionsBefore = batches.count();
        double commandsBefore = batches.totalAmount();

        // one command per wallet, so only commands for different wallets can share a commit: all of it from the even
        // wallets, twice as much from the odd ones (refused as an outcome); and withdrawals from wallets that do not
        // exist, refusals that are thrown and roll back any batch they are in
        List<Response> responses = concurrently(90, i -> api.post("/api/wallets/"
                + (i < 80 ? wallets.get(i) : java.util.UUID.randomUUID()) + "/withdrawals", client,
                "{\"amount\":\"" + (i % 2 == 0 ? "1.00" : "2.00") + "\"}"));

        for (int i = 0; i < 80; i++) {
            Response response = responses.get(i);
            assertThat(response.status()).as("wallet %d: %s", i, response.body()).isEqualTo(i % 2 == 0 ? 201 : 422);
        }
        assertThat(responses.subList(80, 90)).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(404));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 80; i++) {
                Response view = api.get("/api/wallets/" + wallets.get(i), client);
                assertThat(view.text("balance")).isEqualTo(i % 2 == 0 ? "0.00" : "1.00");
                assertThat(view.json().get("version").asLong()).isEqualTo(i % 2 == 0 ? 3 : 2);
            }
        });
        double commands = batches.totalAmount() - commandsBefore;
        long transactions = batches.count() - transactionsBefore;
        assertThat(commands).as("commands that ran").isGreaterThanOrEqualTo(80);
        assertThat(transactions).as("commands for different wallets share commits").isLessThan((long) commands);
    }

    interface Call {
        Response call(int index) throws Exception;
    }

    private static List<Response> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
