package dev.ledger.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metered endpoints on PostgreSQL: charged exactly once per success, never on failure, 402 when unpaid. */
class MeteredEchoIT extends IntegrationTest {

    private String owner;
    private String credits;
    private String meteredKey;

    @BeforeEach
    void billingWallet() {
        String user = newUser("metered");
        owner = api.clientKey(ADMIN_KEY, user);
        credits = api.openWallet(owner, "CRD");
        api.deposit(ADMIN_KEY, credits, "3");
        Response created = api.post("/api/admin/api-keys", ADMIN_KEY, null,
                "{\"role\":\"client\",\"userId\":\"" + user + "\",\"billingWalletId\":\"" + credits + "\"}");
        meteredKey = created.text("key");
    }

    private Response echo(String key, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/echo")).GET();
        return api.send(request, key, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private String balance() {
        return api.get("/api/wallets/" + credits, owner).text("balance");
    }

    @Test
    void eachSuccessfulCallCostsOneCreditUntilTheWalletCannotPay() {
        for (int i = 0; i < 3; i++) {
            Response ok = echo(meteredKey, null);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().get("ok").asBoolean()).isTrue();
            assertThat(ok.text("message")).isEqualTo("Service did its job!");
        }
        Response unpaid = echo(meteredKey, null);

        assertThat(unpaid.status()).isEqualTo(402);
        assertThat(unpaid.code()).isEqualTo("insufficient-credits");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(balance()).isEqualTo("0");
            assertThat(api.get("/api/wallets/" + credits, owner).text("held")).isEqualTo("0");
        });
    }

    @Test
    void repeatedCallsWithOneIdempotencyKeyAreChargedOnceAndReplayed() {
        String key = "echo-" + UUID.randomUUID();
        Response first = echo(meteredKey, key);
        Response second = echo(meteredKey, key);
        Response third = echo(meteredKey, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(third.body()).isEqualTo(first.body());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance()).isEqualTo("2"));
    }

    @Test
    void aCallRefusedForWantOfCreditsCanBeRetriedWithTheSameKeyOnceTopped() {
        for (int i = 0; i < 3; i++) {
            assertThat(echo(meteredKey, null).status()).isEqualTo(200);
        }
        String key = "retry-" + UUID.randomUUID();
        assertThat(echo(meteredKey, key).code()).isEqualTo("insufficient-credits");
        api.deposit(ADMIN_KEY, credits, "1");

        Response retried = echo(meteredKey, key);

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance()).isEqualTo("0"));
    }

    @Test
    void failuresAreNeverChargedAndKeysWithoutBillingWalletsPayNothing() {
        HttpRequest.Builder failing = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/test/metered-failure"));
        for (int i = 0; i < 5; i++) {
            assertThat(api.send(failing.copy().GET(), meteredKey, Map.of()).status()).isEqualTo(503);
        }
        Response noBilling = echo(owner, null);

        assertThat(noBilling.status()).isEqualTo(402);
        assertThat(noBilling.code()).isEqualTo("no-billing-wallet");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(balance()).isEqualTo("3");
            assertThat(api.get("/api/wallets/" + credits, owner).text("held")).isEqualTo("0");
        });
        assertThat(echo(meteredKey, null).status()).isEqualTo(200);
    }
}
