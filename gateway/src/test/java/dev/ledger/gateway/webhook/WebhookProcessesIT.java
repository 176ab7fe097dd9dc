package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.ServiceProcess;
import dev.ledger.gateway.support.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged service as operators run it, two instances on one database: they share the delivery queue without
 * sending a delivery twice, and when both are SIGKILLed with deliveries pending, one restarted instance delivers
 * them all, each event queued once, in order. Separate processes, as in production: instances in one JVM would
 * share one node name and claim the same processor segments.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookProcessesIT {

    private static final String ADMIN = IntegrationTest.ADMIN_KEY;
    private static final String SECRET_KEY = "k7xQeGk0yqZ5n1o8R4w2bq3FJm6tV9cYsLhA0dPzE1U=";

    private static WebhookReceiver receiver;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static Api firstApi;
    private static Api secondApi;
    private static Api firstManagement;
    private static Api secondManagement;
    private static String webhook;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        receiver = WebhookReceiver.start();
        int firstPort = ServiceProcess.freePort();
        int secondPort = ServiceProcess.freePort();
        int firstManagementPort = ServiceProcess.freePort();
        int secondManagementPort = ServiceProcess.freePort();
        first = ServiceProcess.start(environment(firstPort), arguments(firstManagementPort));
        second = ServiceProcess.start(environment(secondPort), arguments(secondManagementPort));
        firstApi = new Api(firstPort);
        secondApi = new Api(secondPort);
        firstManagement = new Api(firstManagementPort);
        secondManagement = new Api(secondManagementPort);
        first.awaitHealthy(firstManagement);
        second.awaitHealthy(secondManagement);
        webhook = firstApi.post("/api/admin/webhooks", ADMIN, null, "{\"url\":\"" + receiver.url()
                + "\",\"eventTypes\":[\"wallet.opened\",\"wallet.deposited\"]}").text("webhookId");
    }

    @AfterAll
    static void stop() throws IOException {
        if (webhook != null && first != null) {
            firstApi.delete("/api/admin/webhooks/" + webhook, ADMIN);
        }
        for (ServiceProcess process : new ServiceProcess[] {first, second}) {
            if (process != null) {
                process.close();
            }
        }
        receiver.close();
    }

    @Test
    @Order(1)
    void twoInstancesShareTheQueueWithoutSendingADeliveryTwice() {
        // a receiver taking 100 ms and two senders per endpoint and instance: one instance alone would fall behind
        receiver.slowness(Duration.ofMillis(100));
        List<String> wallets = changeWallets(firstApi, 8, 4);

        await().atMost(Duration.ofSeconds(60)).until(() -> ours(receiver.delivered(), wallets).size() >= 8 * 5);

        List<WebhookReceiver.Received> sent = ours(receiver.received(), wallets);
        assertThat(sent.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::eventId,
                Collectors.counting())).values()).as("each event sent once").allMatch(count -> count == 1);
        assertThat(sent).hasSize(8 * 5);
        assertThat(receiver.mostOpenForOneEvent()).isEqualTo(1);
        assertInOrder(wallets, 5);
        assertThat(succeededOn(firstManagement)).as("sent by the first instance").isPositive();
        assertThat(succeededOn(secondManagement)).as("sent by the second instance").isPositive();
        assertThat(firstManagement.get("/actuator/prometheus", null).body())
                .contains("ledger_webhook_queue_depth", "ledger_webhook_queue_oldest_age_seconds");
    }

    @Test
    @Order(2)
    void whatWasPendingWhenBothInstancesWereKilledIsDeliveredAfterARestart() throws Exception {
        receiver.slowness(Duration.ZERO);
        receiver.answer(request -> 503);
        List<String> wallets = changeWallets(secondApi, 2, 5);
        // the receiver has refused some at least once: there are deliveries pending
        await().atMost(Duration.ofSeconds(30)).until(() -> !ours(receiver.received(), wallets).isEmpty());
        assertThat(firstApi.get("/api/admin/webhooks/" + webhook + "/deliveries?status=PENDING", ADMIN)
                .json().get("items")).isNotEmpty();

        first.kill();
        second.kill();
        receiver.answer(request -> 200);
        int port = ServiceProcess.freePort();
        int managementPort = ServiceProcess.freePort();
        first = ServiceProcess.start(environment(port), arguments(managementPort));
        firstApi = new Api(port);
        first.awaitHealthy(new Api(managementPort));

        await().atMost(Duration.ofSeconds(60)).until(() -> ours(receiver.delivered(), wallets).size() >= 2 * 6);
        assertInOrder(wallets, 6);
        List<String> queued = new ArrayList<>();
        firstApi.get("/api/admin/webhooks/" + webhook + "/deliveries?limit=500", ADMIN).json().get("items")
                .forEach(item -> queued.add(item.get("eventId").asText()));
        assertThat(queued).as("each event queued once").hasSize(8 * 5 + 2 * 6).doesNotHaveDuplicates();
    }

    /** Opens this many wallets and deposits into each this many times; the wallets' ids. */
    private static List<String> changeWallets(Api api, int wallets, int deposits) {
        String client = api.clientKey(ADMIN, "shared-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int w = 0; w < wallets; w++) {
            String wallet = api.openWallet(client, "USD");
            ids.add(wallet);
            for (int d = 1; d <= deposits; d++) {
                api.deposit(ADMIN, wallet, d + ".00");
            }
        }
        return ids;
    }

    private static void assertInOrder(List<String> wallets, int changesEach) {
        List<Long> expected = new ArrayList<>();
        for (long version = 1; version <= changesEach; version++) {
            expected.add(version);
        }
        for (String wallet : wallets) {
            assertThat(ours(receiver.delivered(), List.of(wallet)).stream()
                    .map(r -> r.json().get("data").get("version").asLong()).toList())
                    .as("wallet %s in order", wallet).isEqualTo(expected);
        }
    }

    private static List<WebhookReceiver.Received> ours(List<WebhookReceiver.Received> received, List<String> wallets) {
        return received.stream().filter(r -> wallets.contains(r.json().get("aggregateId").asText())).toList();
    }

    /** The instance's count of successful attempts, from its Prometheus scrape. */
    private static double succeededOn(Api api) {
        String scrape = api.get("/actuator/prometheus", null).body();
        return scrape.lines().filter(line -> line.startsWith("ledger_webhook_deliveries_total{")
                        && line.contains("outcome=\"succeeded\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static Map<String, String> environment(int port) {
        TestDatabase.Connection db = TestDatabase.get();
        return Map.of("LEDGER_PORT", Integer.toString(port), "LEDGER_DB_URL", db.url(),
                "LEDGER_DB_USER", db.username(), "LEDGER_DB_PASSWORD", db.password(), "LEDGER_ADMIN_API_KEY", ADMIN,
                "LEDGER_WEBHOOKS_ALLOW_PRIVATE", "true", "LEDGER_WEBHOOKS_SECRET_KEY", SECRET_KEY);
    }

    /**
     * Retries within the test's patience; a lease short enough that a killed sender's delivery is soon free; the
     * metrics on a port of their own.
     */
    private static List<String> arguments(int managementPort) {
        return List.of("--management.server.port=" + managementPort,"--ledger.webhooks.retry.initial-delay=PT0.2S", "--ledger.webhooks.retry.max-delay=PT1S",
                "--ledger.webhooks.dispatch.poll-interval=PT0.05S", "--ledger.webhooks.dispatch.per-endpoint=2",
                "--ledger.webhooks.dispatch.lease=PT5S", "--ledger.webhooks.dispatch.response-timeout=PT2S",
                "--ledger.webhooks.dispatch.connect-timeout=PT1S");
    }
}
