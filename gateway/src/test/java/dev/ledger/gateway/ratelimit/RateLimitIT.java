package dev.ledger.gateway.ratelimit;

import static dev.ledger.gateway.support.IntegrationTest.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.LedgerInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API.md §8: at most LEDGER_RATE_LIMIT_RPM requests a minute per API key, 429 with Retry-After beyond it. */
class RateLimitIT {

    @Test
    void theRequestBeyondAKeysLimitIs429WithRetryAfterAndOtherKeysAreUnaffected() {
        try (LedgerInstance ledger = limitedTo(5)) {
            Api api = ledger.api();
            String limited = api.clientKey(ADMIN_KEY, newUser("limited"));
            String other = api.clientKey(ADMIN_KEY, newUser("other"));

            String wallet = api.openWallet(limited, "USD");
            for (int i = 2; i <= 5; i++) {
                assertThat(api.get("/api/wallets", limited).status()).as("request %d", i).isEqualTo(200);
            }
            Response sixth = api.get("/api/wallets/" + wallet, limited);
            Response seventh = api.post("/api/wallets", limited, "{\"currency\":\"EUR\"}");

            assertRateLimited(sixth);
            assertRateLimited(seventh);
            assertThat(api.get("/api/wallets", other).status()).isEqualTo(200);
            assertThat(api.get("/api/admin/api-keys", ADMIN_KEY).status()).isEqualTo(200);
            assertThat(ledger.bean(MeterRegistry.class).get("ledger.http.rate_limited").tag("role", "client")
                    .counter().count()).isEqualTo(2);
        }
    }

    @Test
    void aRateLimitedRequestRecordsNothingSoItsRetryRunsForReal() {
        String client;
        String wallet;
        String idempotencyKey = "limited-" + UUID.randomUUID();
        try (LedgerInstance ledger = limitedTo(2)) {
            Api api = ledger.api();
            client = api.clientKey(ADMIN_KEY, newUser("retrier"));
            wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN_KEY, wallet, "10.00");
            assertThat(api.get("/api/wallets", client).status()).isEqualTo(200);

            assertRateLimited(api.post("/api/wallets/" + wallet + "/withdrawals", client, idempotencyKey,
                    "{\"amount\":\"4.00\"}"));
        }

        try (LedgerInstance ledger = LedgerInstance.onTestDatabase(ADMIN_KEY)) {
            Api api = ledger.api();
            Response retried = api.post("/api/wallets/" + wallet + "/withdrawals", client, idempotencyKey,
                    "{\"amount\":\"4.00\"}");

            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isNull();
            assertThat(api.get("/api/wallets/" + wallet + "?minVersion=3", client).text("balance")).isEqualTo("6.00");
        }
    }

    @Test
    void byDefaultNothingIsLimited() {
        try (LedgerInstance ledger = LedgerInstance.onTestDatabase(ADMIN_KEY)) {
            Api api = ledger.api();
            String client = api.clientKey(ADMIN_KEY, newUser("unlimited"));

            for (int i = 0; i < 50; i++) {
                assertThat(api.get("/api/wallets", client).status()).as("request %d", i + 1).isEqualTo(200);
            }
            assertThat(ledger.bean(MeterRegistry.class).get("ledger.http.rate_limited").counters())
                    .allSatisfy(counter -> assertThat(counter.count()).isZero());
        }
    }

    private static LedgerInstance limitedTo(int rpm) {
        return LedgerInstance.onTestDatabase(ADMIN_KEY, Map.of("ledger.rate-limit.rpm", Integer.toString(rpm)));
    }

    private static void assertRateLimited(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("rate-limited");
        assertThat(response.text("detail")).isNotBlank();
        // a limit of 2 to 5 a minute gives a request back within 12 to 30 seconds
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 30L);
    }

    private static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
