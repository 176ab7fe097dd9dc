package dev.ledger.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.fault.MoneyMovers.Attempt;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault (b): the database cut off under load for ten seconds — every connection reset, every new one refused, by a
 * proxy between the service and PostgreSQL — and then restored. During the cut the service answers every request
 * with a 503 within 5 s and reports itself DOWN; afterwards it serves again without a restart, with every key taking
 * effect exactly once, no transfer left PENDING, deadlines that fell due during the cut run, processors caught up, the
 * whole log sealed, and verification ok. And the narrowest outage of all: a connection lost between a commit and its
 * answer, where only a retry with the same key can tell the client what happened.
 */
class DatabaseOutageFaultIT {

    private static final int CLIENTS = 16;
    private static final Duration CUT = Duration.ofSeconds(10);
    /** The contract's 5 s, and a little for a loaded machine to get the answer across. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(5_500);

    private static TcpProxy proxy;
    private static ServiceProcess service;
    private static Api api;

    @BeforeAll
    static void startBehindProxy() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        URI postgres = URI.create(db.url().substring("jdbc:".length()));
        proxy = TcpProxy.to(postgres.getHost(), postgres.getPort() < 0 ? 5432 : postgres.getPort());
        // prepareThreshold=0: every statement goes out with its text, COMMIT included, so the proxy can see it
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getRawPath() + "?prepareThreshold=0"
                + (postgres.getRawQuery() == null ? "" : "&" + postgres.getRawQuery());
        service = ServiceProcess.on("database-outage", proxied, db.username(), db.password(),
                IntegrationTest.ADMIN_KEY).start().awaitUp(Duration.ofSeconds(120));
        api = new Api(service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aCommitWhoseAnswerIsLostIsA503AndTheRetryWithTheSameKeyAnswersWhatCommitted() {
        String client = api.clientKey(IntegrationTest.ADMIN_KEY, "lost-commit-" + UUID.randomUUID());
        String wallet = api.openWallet(client, "USD");
        api.deposit(IntegrationTest.ADMIN_KEY, wallet, "50.00");
        String key = "lost-commit-" + UUID.randomUUID();
        proxy.loseCommitAnswer(key);

        Response first = api.post("/api/wallets/" + wallet + "/withdrawals", client, key, "{\"amount\":\"20.00\"}");
        Response retry = api.post("/api/wallets/" + wallet + "/withdrawals", client, key, "{\"amount\":\"20.00\"}");

        assertThat(proxy.lostCommitAnswers()).as("commit answers lost").isEqualTo(1);
        // the withdrawal did commit, so the answer must not say it failed: it sends the client back with the key
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.code()).isEqualTo("service-unavailable");
        assertThat(first.header("Retry-After")).isNotNull();
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text("balance")).isEqualTo("30.00");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response view = api.get("/api/wallets/" + wallet, client);
            assertThat(view.text("balance")).isEqualTo("30.00");
            assertThat(view.json().get("version").asLong()).as("opened, deposited, withdrawn once").isEqualTo(3);
        });
    }

    @Test
    void aDatabaseCutOffForTenSecondsIsA503MeanwhileAndChangesNothingTwice() throws Exception {
        MoneyMovers clients = new MoneyMovers(List.of(service.baseUrl()), IntegrationTest.ADMIN_KEY,
                UUID.randomUUID().toString().substring(0, 8));
        clients.openWallets(CLIENTS);
        // a hold that expires while the database is away: its deadline must still run once it is back
        String expiring = api.openWallet(api.clientKey(IntegrationTest.ADMIN_KEY, "outage-" + UUID.randomUUID()),
                "USD");
        api.deposit(IntegrationTest.ADMIN_KEY, expiring, "10.00");
        long seed = System.nanoTime();
        Future<?> load = clients.start(400, seed);
        await("load under way").atMost(Duration.ofSeconds(30)).until(() -> clients.operations().size() >= 150);

        assertThat(api.post("/api/wallets/" + expiring + "/holds", IntegrationTest.ADMIN_KEY,
                "{\"amount\":\"4.00\",\"expiresInSeconds\":2}").status()).isEqualTo(201);
        long cutAt = System.nanoTime();
        proxy.cut();
        long downAfter = await("health DOWN").atMost(ANSWER_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> service.healthStatus() == 503 ? System.nanoTime() - cutAt : -1, nanos -> nanos > 0);
        await("the cut lasts " + CUT.toSeconds() + " s").atMost(CUT.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> System.nanoTime() - cutAt >= CUT.toNanos());
        long restoredAt = System.nanoTime();
        proxy.restore();

        await("health UP again, without a restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> service.healthStatus() == 200);
        long upAfter = System.nanoTime() - restoredAt;
        int operationsAtRestore = clients.operations().size();
        await("clients served again").atMost(Duration.ofSeconds(60))
                .until(() -> clients.operations().size() >= operationsAtRestore + 200);
        clients.stop();
        load.get(3, TimeUnit.MINUTES);

        List<Attempt> duringCut = clients.attempts().stream()
                .filter(attempt -> attempt.startedAt() >= cutAt && attempt.startedAt() < restoredAt).toList();
        assertThat(duringCut).as("requests sent during the cut").hasSizeGreaterThan(CLIENTS);
        assertThat(duringCut).as("requests answered during the cut")
                .filteredOn(attempt -> attempt.endedAt() < restoredAt)
                .allSatisfy(attempt -> assertThat(attempt.status()).as(attempt.toString()).isEqualTo(503));
        assertThat(duringCut).as("every request during the cut answered within " + ANSWER_WITHIN)
                .allSatisfy(attempt -> assertThat(attempt.took()).as(attempt.toString())
                        .isLessThanOrEqualTo(ANSWER_WITHIN));
        assertThat(clients.attempts()).as("no request answered 500 at any time")
                .noneSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(500));

        await("the hold that fell due during the cut expired").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(api.get("/api/wallets/" + expiring, IntegrationTest.ADMIN_KEY)
                        .text("held")).isEqualTo("0.00"));
        await("the whole event log sealed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(DatabaseOutageFaultIT::everyEventSealed);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        figures.put("cutSeconds", CUT.toSeconds());
        figures.put("requestsDuringCut", duringCut.size());
        figures.put("answered503DuringCut", duringCut.stream().filter(attempt -> attempt.status() == 503).count());
        figures.put("slowestDuringCutMs", duringCut.stream().mapToLong(attempt -> attempt.took().toMillis()).max()
                .orElse(0));
        figures.put("healthDownAfterMs", TimeUnit.NANOSECONDS.toMillis(downAfter));
        figures.put("healthUpAfterRestoreMs", TimeUnit.NANOSECONDS.toMillis(upAfter));
        figures.put("restarts", 0);
        figures.put("seed", seed);
        new Aftermath(clients).check("database-outage", figures);
    }

    private static boolean everyEventSealed() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select (select max(global_index) from domain_event_entry)
                            = (select max(global_index) from event_seal)""")) {
            return row.next() && row.getBoolean(1);
        }
    }
}
