package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.ReplayedHistory;
import dev.ledger.gateway.support.PrometheusScrape;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * API.md §8: the ledger's own series in {@code /actuator/prometheus}, scraped as Prometheus would, before and after
 * requests through the HTTP API. Counters only grow, so every assertion is on how much a series grew.
 */
@AutoConfigureObservability(tracing = false) // tests leave metrics export off unless asked: this one scrapes
class MetricsIT extends IntegrationTest {

    static final List<String> PROCESSORS = List.of("wallets", "wallet-entries", "holds", "transfers",
            "transfer-process", "escrows");

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ReadModelGauges readModelGauges;

    private PrometheusScrape scrape() {
        Response scraped = management.get("/actuator/prometheus", null);
        assertThat(scraped.status()).as(scraped.body()).isEqualTo(200);
        assertThat(scraped.header("Content-Type")).startsWith("text/plain");
        return PrometheusScrape.parse(scraped.body());
    }

    private static final String COMMANDS = "ledger_commands_seconds_count";

    @Test
    void commandsAreTimedByTypeAndOutcomeAndReplaysCounted() {
        String owner = api.clientKey(ADMIN_KEY, newUser("metrics"));
        String wallet = api.openWallet(owner, "USD");
        PrometheusScrape before = scrape();

        // given a deposit, a withdrawal the wallet cannot cover, one on a wallet that does not exist
        String depositKey = "deposit-" + UUID.randomUUID();
        String depositBody = "{\"amount\":\"10.00\"}";
        Response deposited = api.post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, depositKey, depositBody);
        String withdrawalKey = "withdrawal-" + UUID.randomUUID();
        Response tooMuch = api.post("/api/wallets/" + wallet + "/withdrawals", owner, withdrawalKey,
                "{\"amount\":\"10.01\"}");
        Response nowhere = api.post("/api/wallets/" + UUID.randomUUID() + "/withdrawals", ADMIN_KEY,
                "{\"amount\":\"1.00\"}");
        // when the deposit and the refused withdrawal are repeated with their keys
        Response depositAgain = api.post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, depositKey, depositBody);
        Response tooMuchAgain = api.post("/api/wallets/" + wallet + "/withdrawals", owner, withdrawalKey,
                "{\"amount\":\"10.01\"}");

        assertThat(deposited.status()).as(deposited.body()).isEqualTo(201);
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("insufficient-funds");
        assertThat(nowhere.status()).as(nowhere.body()).isEqualTo(404);
        assertThat(depositAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(tooMuchAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(tooMuchAgain.status()).isEqualTo(422);

        // then each is timed under its command and outcome, a replay like the request it repeats
        PrometheusScrape after = scrape();
        assertThat(grew(before, after, COMMANDS, "command", "DepositMoneyCommand", "outcome", "success"))
                .isEqualTo(2);
        assertThat(grew(before, after, COMMANDS, "command", "WithdrawMoneyCommand",
                "outcome", "rejected:insufficient-funds")).isEqualTo(2);
        assertThat(grew(before, after, COMMANDS, "command", "WithdrawMoneyCommand", "outcome", "rejected:not-found"))
                .isEqualTo(1);
        assertThat(grew(before, after, COMMANDS, "command", "WithdrawMoneyCommand", "outcome", "success")).isZero();
        assertThat(after.value(COMMANDS, "command", "OpenWalletCommand", "outcome", "success")).isPositive();
        // as a histogram, so that percentiles can be computed across instances
        assertThat(after.series("ledger_commands_seconds_bucket", "command", "DepositMoneyCommand",
                "outcome", "success")).hasSizeGreaterThan(10)
                .anySatisfy(bucket -> assertThat(bucket.labels()).containsEntry("le", "+Inf"));
        assertThat(after.value("ledger_commands_seconds_sum", "command", "DepositMoneyCommand", "outcome", "success"))
                .isPositive();
        // and the two repetitions are the replays
        assertThat(grew(before, after, "ledger_idempotency_replays_total")).isEqualTo(2);
        // only the first deposit appended an event; the refusals and the replays append nothing
        assertThat(grew(before, after, "ledger_events_appended_total", "type", "MoneyDeposited")).isEqualTo(1);
        assertThat(grew(before, after, "ledger_events_appended_total", "type", "MoneyWithdrawn")).isZero();
    }

    @Test
    void aRepeatedMeteredCallIsCountedAsAReplay() {
        String user = newUser("metered-metrics");
        String owner = api.clientKey(ADMIN_KEY, user);
        String credits = api.openWallet(owner, "CRD");
        api.deposit(ADMIN_KEY, credits, "5");
        String meteredKey = api.post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"client\",\"userId\":\""
                + user + "\",\"billingWalletId\":\"" + credits + "\"}").text("key");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + credits, owner).status() == 200);
        String key = "echo-" + UUID.randomUUID();
        PrometheusScrape before = scrape();

        Response first = echo(meteredKey, key);
        Response second = echo(meteredKey, key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        PrometheusScrape after = scrape();
        assertThat(grew(before, after, "ledger_idempotency_replays_total")).isEqualTo(1);
        // the one real call held and captured its cost
        assertThat(grew(before, after, COMMANDS, "command", "PlaceHoldCommand", "outcome", "success")).isEqualTo(1);
        assertThat(grew(before, after, COMMANDS, "command", "CaptureHoldCommand", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void everyAppendedEventIsCountedByType() {
        PrometheusScrape before = scrape();

        String owner = api.clientKey(ADMIN_KEY, newUser("appender"));
        String wallet = api.openWallet(owner, "EUR");
        api.deposit(ADMIN_KEY, wallet, "5.00");
        api.deposit(ADMIN_KEY, wallet, "6.00");

        PrometheusScrape after = scrape();
        assertThat(grew(before, after, "ledger_events_appended_total", "type", "WalletOpened")).isEqualTo(1);
        assertThat(grew(before, after, "ledger_events_appended_total", "type", "MoneyDeposited")).isEqualTo(2);
    }

    @Test
    void anExpiredHoldIsCountedOnceAndNotAgainWhenTheProjectionsReplayIt() {
        String owner = api.clientKey(ADMIN_KEY, newUser("expiring"));
        String wallet = api.openWallet(owner, "USD");
        api.deposit(ADMIN_KEY, wallet, "20.00");
        PrometheusScrape before = scrape();
        assertThat(before.series("ledger_holds_expired_total")).as("registered before any hold expires").hasSize(1);

        Response placed = api.post("/api/wallets/" + wallet + "/holds", owner,
                "{\"amount\":\"7.00\",\"expiresInSeconds\":1}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(grew(before, scrape(), "ledger_events_appended_total", "type", "HoldExpired"))
                        .isGreaterThanOrEqualTo(1));
        PrometheusScrape expired = scrape();
        // other holds in the shared database may expire meanwhile: at least this one, and each expiry once
        assertThat(grew(before, expired, "ledger_holds_expired_total")).isGreaterThanOrEqualTo(1)
                .isEqualTo(grew(before, expired, "ledger_events_appended_total", "type", "HoldExpired"));

        // when the holds projection, which handles HoldExpired, is rebuilt from the event history
        StreamingEventProcessor holds = processing.eventProcessor("holds", StreamingEventProcessor.class)
                .orElseThrow();
        holds.shutDown();
        long head = ReplayedHistory.head(eventStore);
        try {
            holds.resetTokens();
        } finally {
            holds.start();
        }
        // (right after the reset the processor has claimed no segment yet: it lags by the whole history)
        ReplayedHistory.awaitHandled(holds, 4, head, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                scrape().value("ledger_processor_lag", "processor", "holds") == 0);

        // then the expiries it handled again are not counted again
        PrometheusScrape replayed = scrape();
        assertThat(replayed.value("ledger_holds_expired_total"))
                .isEqualTo(expired.value("ledger_holds_expired_total")
                        + grew(expired, replayed, "ledger_events_appended_total", "type", "HoldExpired"));
        assertThat(grew(expired, replayed, "ledger_events_appended_total", "type", "HoldPlaced")).isZero();
    }

    @Test
    void eachProcessorsLagIsAGaugeThatFallsToZeroOnceItCaughtUp() {
        String owner = api.clientKey(ADMIN_KEY, newUser("lagging"));
        api.openWallet(owner, "USD");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape scraped = scrape();
            for (String processor : PROCESSORS) {
                assertThat(scraped.series("ledger_processor_lag", "processor", processor)).as(processor).hasSize(1);
                assertThat(scraped.value("ledger_processor_lag", "processor", processor)).as(processor).isZero();
            }
        });
        // as the health indicator says too
        Response health = management.get("/actuator/health", null);
        assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        for (String processor : PROCESSORS) {
            JsonNode detail = health.json().at("/components/eventProcessors/details/" + processor);
            assertThat(detail.get("status").asText()).as(processor).isEqualTo("RUNNING");
            assertThat(detail.get("position").asLong()).as(processor).isEqualTo(detail.get("head").asLong());
            assertThat(detail.get("lag").asLong()).as(processor).isZero();
            assertThat(detail.get("replaying").asBoolean()).as(processor).isFalse();
        }
    }

    @Test
    void aStoppedProcessorShowsItsLagUntilItRunsAgain() {
        StreamingEventProcessor wallets = processing.eventProcessor("wallets", StreamingEventProcessor.class)
                .orElseThrow();
        wallets.shutDown();
        try {
            String owner = api.clientKey(ADMIN_KEY, newUser("stopped"));
            api.openWallet(owner, "USD");

            double lag = scrape().value("ledger_processor_lag", "processor", "wallets");
            Response health = management.get("/actuator/health", null);
            assertThat(lag).isGreaterThanOrEqualTo(1);
            assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/eventProcessors/details/wallets/status").asText())
                    .isEqualTo("STOPPED");
            assertThat(health.json().at("/components/eventProcessors/details/wallets/lag").asDouble())
                    .as("the health indicator and the gauge agree").isEqualTo(lag);
        } finally {
            wallets.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scrape().value("ledger_processor_lag", "processor", "wallets")).isZero());
    }

    private Response echo(String key, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/echo")).GET();
        return api.send(request, key, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** How much a series grew between two scrapes; a series that does not exist yet counts as 0. */
    private static double grew(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void balancesHoldsAndEscrowsByStateAreGaugesThatAgreeWithTheStats() {
        String owner = api.clientKey(ADMIN_KEY, newUser("gauged"));
        String wallet = api.openWallet(owner, "BHD");
        api.deposit(ADMIN_KEY, wallet, "12.345");
        Response hold = api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"0.005\"}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/wallets/" + wallet
                + "/holds", owner).json().get("items")).hasSize(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = api.get("/api/stats", ADMIN_KEY).json();
            readModelGauges.refresh();
            PrometheusScrape scraped = scrape();
            for (JsonNode currency : stats.get("currencies")) {
                String code = currency.get("currency").asText();
                assertThat(scraped.value("ledger_wallets", "currency", code)).as(code)
                        .isEqualTo(currency.get("wallets").asDouble());
                for (String kind : List.of("balance", "held", "available")) {
                    assertThat(scraped.value("ledger_wallets_amount", "currency", code, "kind", kind))
                            .as(code + " " + kind).isEqualTo(Double.parseDouble(currency.get(kind).asText()));
                }
            }
            stats.get("escrows").fields().forEachRemaining(state -> assertThat(
                    scraped.value("ledger_escrows", "state", state.getKey())).as(state.getKey())
                    .isEqualTo(state.getValue().asDouble()));
            for (String state : List.of("ACTIVE", "CAPTURED", "VOIDED", "EXPIRED")) {
                assertThat(scraped.series("ledger_holds", "state", state)).as(state).hasSize(1);
            }
            assertThat(scraped.value("ledger_holds", "state", "ACTIVE")).isPositive();
            assertThat(scraped.value("ledger_wallets_amount", "currency", "BHD", "kind", "held"))
                    .isGreaterThanOrEqualTo(0.005);
        });
    }
}
