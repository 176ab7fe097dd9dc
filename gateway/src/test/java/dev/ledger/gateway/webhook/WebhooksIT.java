package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks through the API against a real receiver on 127.0.0.1 (allowed here, as it is not by default), with a
 * backoff of fractions of a second so retries show within the test.
 */
class WebhooksIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private WebhookDeliveries deliveryLog;

    private final List<String> registered = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("ledger.webhooks.allow-private", () -> "true");
        registry.add("ledger.webhooks.secret-key", () -> "k7xQeGk0yqZ5n1o8R4w2bq3FJm6tV9cYsLhA0dPzE1U=");
        registry.add("ledger.webhooks.retry.initial-delay", () -> "PT0.2S");
        registry.add("ledger.webhooks.retry.max-delay", () -> "PT0.5S");
        registry.add("ledger.webhooks.retry.give-up-after", () -> "PT5S");
        registry.add("ledger.webhooks.dispatch.poll-interval", () -> "PT0.1S");
        // longer than the test waits: an endpoint that hangs holds its requests for the whole test
        registry.add("ledger.webhooks.dispatch.response-timeout", () -> "PT30S");
    }

    @AfterEach
    void removeEndpoints() {
        registered.forEach(id -> api.delete("/api/admin/webhooks/" + id, ADMIN_KEY));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void theSecretIsShownOnceAndNeverListed() {
        WebhookReceiver receiver = receiver();
        Response created = register(receiver.url(), "wallet.*", "escrow.released");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("secret")).startsWith("whsec_");
        assertThat(created.text("status")).isEqualTo("ENABLED");
        assertThat(created.json().get("eventTypes").toString()).isEqualTo("[\"wallet.*\",\"escrow.released\"]");
        String id = created.text("webhookId");
        Response one = api.get("/api/admin/webhooks/" + id, ADMIN_KEY);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("secret")).isFalse();
        assertThat(one.body()).doesNotContain(created.text("secret"));
        Response page = api.get("/api/admin/webhooks?limit=500", ADMIN_KEY);
        assertThat(page.json().has("nextCursor")).isTrue();
        assertThat(page.body()).contains(id).doesNotContain(created.text("secret"));
    }

    @Test
    void aDepositArrivesSignedWithTheWalletAsItWasRightAfterIt() {
        WebhookReceiver receiver = receiver();
        Response created = register(receiver.url(), "wallet.deposited");
        String secret = created.text("secret");
        String client = api.clientKey(ADMIN_KEY, newUser("hooked"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "12.50");
        api.deposit(ADMIN_KEY, wallet, "0.50");

        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 2);
        WebhookReceiver.Received first = forAggregate(receiver.delivered(), wallet).get(0);
        assertThat(first.signedWith(secret)).as(first.signature()).isTrue();
        assertThat(first.signedWith("whsec_someone-else")).isFalse();
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(Long.parseLong(first.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                offset(60L));
        JsonNode body = first.json();
        assertThat(body.get("eventId").asText()).isEqualTo(first.eventId()).matches("\\d+");
        assertThat(body.get("type").asText()).isEqualTo("wallet.deposited");
        assertThat(body.get("aggregateType").asText()).isEqualTo("wallet");
        assertThat(body.get("aggregateId").asText()).isEqualTo(wallet);
        assertThat(Instant.parse(body.get("occurredAt").asText())).isBefore(Instant.now());
        JsonNode data = body.get("data");
        assertThat(data.get("walletId").asText()).isEqualTo(wallet);
        assertThat(data.get("balance").asText()).isEqualTo("12.50");
        assertThat(data.get("available").asText()).isEqualTo("12.50");
        assertThat(data.get("version").asLong()).isEqualTo(2);
        JsonNode second = forAggregate(receiver.delivered(), wallet).get(1).json();
        assertThat(second.get("data").get("balance").asText()).isEqualTo("13.00");
        assertThat(second.get("data").get("version").asLong()).isEqualTo(3);
        assertThat(Long.parseLong(second.get("eventId").asText())).isGreaterThan(Long.parseLong(first.eventId()));
    }

    @Test
    void oneWalletsChangesArriveInOrderEvenWhenSomeAttemptsFail() {
        WebhookReceiver receiver = receiver();
        // every third request fails: a retried delivery must still not be overtaken by the ones after it
        AtomicInteger requests = new AtomicInteger();
        receiver.answer(request -> requests.incrementAndGet() % 3 == 0 ? 500 : 200);
        register(receiver.url(), "wallet.*");
        String client = api.clientKey(ADMIN_KEY, newUser("ordered"));
        String wallet = api.openWallet(client, "USD");
        for (int i = 1; i <= 12; i++) {
            api.deposit(ADMIN_KEY, wallet, i + ".00");
        }

        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 13);
        List<Long> versions = forAggregate(receiver.delivered(), wallet).stream()
                .map(r -> r.json().get("data").get("version").asLong()).toList();
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(forAggregate(receiver.received(), wallet).size()).isGreaterThan(13);
    }

    @Test
    void a5xxIsRetriedUntilTheReceiverTakesIt() {
        WebhookReceiver receiver = receiver();
        AtomicInteger attempts = new AtomicInteger();
        receiver.answer(request -> attempts.incrementAndGet() <= 2 ? 503 : 204);
        String webhook = register(receiver.url(), "wallet.opened").text("webhookId");
        String wallet = api.openWallet(api.clientKey(ADMIN_KEY, newUser("retried")), "EUR");

        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 1);
        JsonNode delivery = await().atMost(PATIENCE).until(() -> deliveries(webhook, "SUCCEEDED"),
                items -> items.size() == 1).get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(delivery.get("deliveredAt").isNull()).isFalse();
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        assertThat(delivery.get("type").asText()).isEqualTo("wallet.opened");
    }

    @Test
    void aClosedPortIsRetriedUntilTheReceiverListens() throws IOException {
        int port = ServiceProcess.freePort();
        String webhook = register("http://127.0.0.1:" + port + "/hooks", "wallet.opened").text("webhookId");
        String wallet = api.openWallet(api.clientKey(ADMIN_KEY, newUser("patient")), "EUR");
        JsonNode failing = await().atMost(PATIENCE).until(() -> deliveries(webhook, "PENDING"),
                items -> items.size() == 1 && items.get(0).get("attempts").asInt() >= 2).get(0);
        assertThat(failing.get("lastError").asText()).contains("connection refused");
        assertThat(failing.get("lastStatusCode").isNull()).isTrue();
        assertThat(failing.get("nextAttemptAt").isNull()).isFalse();

        WebhookReceiver receiver = WebhookReceiver.startOn(port);
        receivers.add(receiver);

        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 1);
        assertThat(forAggregate(receiver.delivered(), wallet).get(0).eventId()).isEqualTo(failing.get("eventId").asText());
    }

    @Test
    void aDeliveryStillFailingWhenItsTimeIsUpIsFailed() {
        WebhookReceiver receiver = receiver();
        receiver.answer(request -> 500);
        String webhook = register(receiver.url(), "wallet.opened").text("webhookId");
        api.openWallet(api.clientKey(ADMIN_KEY, newUser("doomed")), "EUR");

        JsonNode failed = await().atMost(PATIENCE).until(() -> deliveries(webhook, "FAILED"),
                items -> items.size() == 1).get(0);
        assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(failed.get("attempts").asInt()).isGreaterThan(2);
        assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
        assertThat(deliveries(webhook, "PENDING")).isEmpty();
    }

    @Test
    void eachEndpointGetsTheTypesItSubscribedTo() {
        WebhookReceiver wallets = receiver();
        WebhookReceiver holds = receiver();
        WebhookReceiver everything = receiver();
        register(wallets.url(), "wallet.*");
        register(holds.url(), "hold.placed", "hold.voided");
        register(everything.url(), "*");
        String client = api.clientKey(ADMIN_KEY, newUser("filtered"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");
        Response hold = api.post("/api/wallets/" + wallet + "/holds", client, "{\"amount\":\"4.00\"}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        String holdId = hold.text("holdId");
        assertThat(api.post("/api/wallets/" + wallet + "/holds/" + holdId + "/void", client, null).status())
                .isEqualTo(200);

        await().atMost(PATIENCE).until(() -> everything.delivered().stream()
                .filter(r -> r.json().get("aggregateId").asText().equals(holdId)).count() == 2);
        assertThat(types(forAggregate(wallets.delivered(), wallet))).containsExactly("wallet.opened", "wallet.deposited");
        assertThat(types(forAggregate(holds.delivered(), holdId))).containsExactly("hold.placed", "hold.voided");
        assertThat(holds.delivered()).allMatch(r -> r.type().startsWith("hold."));
        JsonNode voided = forAggregate(holds.delivered(), holdId).get(1).json();
        assertThat(voided.get("aggregateType").asText()).isEqualTo("hold");
        assertThat(voided.get("data").get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.get("data").get("version").asLong()).isEqualTo(4);
        assertThat(types(forAggregate(everything.delivered(), wallet))).containsExactly("wallet.opened",
                "wallet.deposited");
    }

    @Test
    void afterARotationBothSecretsSign() {
        WebhookReceiver receiver = receiver();
        Response created = register(receiver.url(), "wallet.deposited");
        String webhook = created.text("webhookId");
        String oldSecret = created.text("secret");
        Response rotated = api.post("/api/admin/webhooks/" + webhook + "/rotate-secret", ADMIN_KEY, null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(api.get("/api/admin/webhooks/" + webhook, ADMIN_KEY).body()).doesNotContain(newSecret);

        String wallet = api.openWallet(api.clientKey(ADMIN_KEY, newUser("rotated")), "USD");
        api.deposit(ADMIN_KEY, wallet, "1.00");

        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 1);
        WebhookReceiver.Received delivery = forAggregate(receiver.delivered(), wallet).get(0);
        assertThat(delivery.signature().split(" ")).hasSize(2);
        assertThat(delivery.signedWith(newSecret)).isTrue();
        assertThat(delivery.signedWith(oldSecret)).isTrue();
        assertThat(delivery.signature()).startsWith("v1=" + WebhookReceiver.hmac(newSecret,
                delivery.timestamp() + "." + delivery.body()));
    }

    @Test
    void aRedeliveryIsTheSameEventAgain() {
        WebhookReceiver receiver = receiver();
        String webhook = register(receiver.url(), "wallet.opened").text("webhookId");
        String wallet = api.openWallet(api.clientKey(ADMIN_KEY, newUser("again")), "USD");
        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 1);
        JsonNode original = deliveries(webhook, "SUCCEEDED").get(0);

        Response redelivery = api.post("/api/admin/webhooks/" + webhook + "/deliveries/"
                + original.get("deliveryId").asText() + "/redeliver", ADMIN_KEY, null);

        assertThat(redelivery.status()).as(redelivery.body()).isEqualTo(202);
        assertThat(redelivery.text("eventId")).isEqualTo(original.get("eventId").asText());
        assertThat(redelivery.text("deliveryId")).isNotEqualTo(original.get("deliveryId").asText());
        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 2);
        List<WebhookReceiver.Received> both = forAggregate(receiver.delivered(), wallet);
        assertThat(both.get(1).eventId()).isEqualTo(both.get(0).eventId());
        assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
        assertThat(api.post("/api/admin/webhooks/" + webhook + "/deliveries/" + UUID.randomUUID()
                + "/redeliver", ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void aPingIsDeliveredOnRequest() {
        WebhookReceiver receiver = receiver();
        Response created = register(receiver.url(), "escrow.released");
        String webhook = created.text("webhookId");

        Response test = api.post("/api/admin/webhooks/" + webhook + "/test", ADMIN_KEY, null);

        assertThat(test.status()).as(test.body()).isEqualTo(202);
        assertThat(test.text("type")).isEqualTo("ping");
        await().atMost(PATIENCE).until(() -> receiver.delivered("ping").size() == 1);
        WebhookReceiver.Received ping = receiver.delivered("ping").get(0);
        assertThat(ping.signedWith(created.text("secret"))).isTrue();
        assertThat(ping.json().get("aggregateId").asText()).isEqualTo(webhook);
        assertThat(ping.eventId()).isEqualTo(test.text("eventId"));
    }

    @Test
    void aDisabledEndpointQueuesNothingUntilEnabledAndADeletedOneIsGone() {
        WebhookReceiver receiver = receiver();
        String webhook = register(receiver.url(), "wallet.*").text("webhookId");
        String client = api.clientKey(ADMIN_KEY, newUser("paused"));
        String wallet = api.openWallet(client, "USD");
        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 1);

        Response disabled = api.post("/api/admin/webhooks/" + webhook + "/disable", ADMIN_KEY, null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.text("status")).isEqualTo("DISABLED");
        api.deposit(ADMIN_KEY, wallet, "5.00");
        // an endpoint registered after that deposit gets the next one: by then the webhooks processor (one segment,
        // in order) has handled the first, and queued nothing for the disabled endpoint
        String marker = register(receiver.url(), "wallet.deposited").text("webhookId");
        api.deposit(ADMIN_KEY, wallet, "6.00");
        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 2);
        assertThat(api.get("/api/admin/webhooks/" + webhook + "/deliveries", ADMIN_KEY).json().get("items"))
                .hasSize(1);
        api.delete("/api/admin/webhooks/" + marker, ADMIN_KEY);

        assertThat(api.post("/api/admin/webhooks/" + webhook + "/enable", ADMIN_KEY, null).text("status"))
                .isEqualTo("ENABLED");
        api.deposit(ADMIN_KEY, wallet, "7.00");
        await().atMost(PATIENCE).until(() -> forAggregate(receiver.delivered(), wallet).size() == 3);
        assertThat(forAggregate(receiver.delivered(), wallet).get(2).json().get("data").get("balance").asText())
                .isEqualTo("18.00");

        assertThat(api.delete("/api/admin/webhooks/" + webhook, ADMIN_KEY).status()).isEqualTo(204);
        assertThat(api.get("/api/admin/webhooks/" + webhook, ADMIN_KEY).code()).isEqualTo("not-found");
        assertThat(api.get("/api/admin/webhooks/" + webhook + "/deliveries", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.delete("/api/admin/webhooks/" + webhook, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void deliveriesArePagedNewestFirstAndFilteredByStatus() {
        WebhookReceiver receiver = receiver();
        String webhook = register(receiver.url(), "wallet.*").text("webhookId");
        String wallet = api.openWallet(api.clientKey(ADMIN_KEY, newUser("paged")), "USD");
        api.deposit(ADMIN_KEY, wallet, "1.00");
        api.deposit(ADMIN_KEY, wallet, "2.00");
        await().atMost(PATIENCE).until(() -> deliveries(webhook, "SUCCEEDED").size() == 3);

        Response first = api.get("/api/admin/webhooks/" + webhook + "/deliveries?limit=2", ADMIN_KEY);
        assertThat(first.json().get("items")).hasSize(2);
        Response second = api.get("/api/admin/webhooks/" + webhook + "/deliveries?limit=2&cursor="
                + first.text("nextCursor"), ADMIN_KEY);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(second.json().get("items").get(0).get("type").asText()).isEqualTo("wallet.opened");
        assertThat(first.json().get("items").get(0).get("eventId").asLong())
                .isGreaterThan(first.json().get("items").get(1).get("eventId").asLong());
        Response wrong = api.get("/api/admin/webhooks/" + webhook + "/deliveries?status=DONE", ADMIN_KEY);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void endpointsThatHangDoNotHoldUpAnother() {
        List<WebhookReceiver> hanging = List.of(receiver(), receiver(), receiver());
        hanging.forEach(WebhookReceiver::hang);
        hanging.forEach(receiver -> register(receiver.url(), "wallet.opened"));
        WebhookReceiver healthy = receiver();
        register(healthy.url(), "wallet.opened");
        String client = api.clientKey(ADMIN_KEY, newUser("crowded"));
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            wallets.add(api.openWallet(client, "USD"));
        }

        // the hanging endpoints keep 3 × 4 requests waiting (for longer than this test waits), and the healthy one
        // still gets every wallet's delivery
        await().atMost(PATIENCE).until(() -> wallets.stream()
                .allMatch(wallet -> forAggregate(healthy.delivered(), wallet).size() == 1));
        hanging.forEach(receiver -> assertThat(receiver.delivered()).isEmpty());

        hanging.forEach(WebhookReceiver::open);
        await().atMost(PATIENCE).until(() -> hanging.stream().allMatch(receiver -> wallets.stream()
                .allMatch(wallet -> forAggregate(receiver.delivered(), wallet).size() == 1)));
    }

    @Test
    void finishedDeliveriesLeaveTheLogAfterTheirRetentionPendingOnesNever() {
        WebhookReceiver taking = receiver();
        WebhookReceiver refusing = receiver();
        refusing.answer(request -> 503);
        String done = register(taking.url(), "wallet.opened").text("webhookId");
        String waiting = register(refusing.url(), "wallet.opened").text("webhookId");
        api.openWallet(api.clientKey(ADMIN_KEY, newUser("purged")), "USD");
        await().atMost(PATIENCE).until(() -> deliveries(done, "SUCCEEDED").size() == 1
                && deliveries(waiting, "PENDING").size() == 1 && !refusing.received().isEmpty());

        deliveryLog.purgeFinishedBefore(Instant.now().plusSeconds(60));

        assertThat(api.get("/api/admin/webhooks/" + done + "/deliveries", ADMIN_KEY).json().get("items")).isEmpty();
        assertThat(deliveries(waiting, "PENDING")).hasSize(1);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private Response register(String url, String... eventTypes) {
        StringBuilder types = new StringBuilder();
        for (String type : eventTypes) {
            types.append(types.isEmpty() ? "" : ",").append('"').append(type).append('"');
        }
        Response created = api.post("/api/admin/webhooks", ADMIN_KEY, null,
                "{\"url\":\"" + url + "\",\"eventTypes\":[" + types + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        registered.add(created.text("webhookId"));
        return created;
    }

    private List<JsonNode> deliveries(String webhook, String status) {
        Response page = api.get("/api/admin/webhooks/" + webhook + "/deliveries?status=" + status, ADMIN_KEY);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    private static List<WebhookReceiver.Received> forAggregate(List<WebhookReceiver.Received> received, String id) {
        return received.stream().filter(r -> r.json().get("aggregateId").asText().equals(id)).toList();
    }

    private static List<String> types(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::type).toList();
    }

}
