package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A hold whose expiry came due while the service was down expires once the service is back. */
class HoldExpiryAfterRestartIT {

    @Test
    void anExpiryThatCameDueWhileStoppedHappensAfterStart() {
        String owner;
        String wallet;
        String hold;
        Instant expiresAt;
        try (LedgerInstance before = LedgerInstance.onTestDatabase(IntegrationTest.ADMIN_KEY)) {
            Api api = before.api();
            owner = api.clientKey(IntegrationTest.ADMIN_KEY, "sleeper-" + UUID.randomUUID());
            wallet = api.openWallet(owner, "EUR");
            api.deposit(IntegrationTest.ADMIN_KEY, wallet, "20.00");
            Response placed = api.post("/api/wallets/" + wallet + "/holds", owner,
                    "{\"amount\":\"15.00\",\"expiresInSeconds\":3}");
            assertThat(placed.status()).isEqualTo(201);
            hold = placed.text("holdId");
            expiresAt = Instant.parse(placed.text("expiresAt"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));

        try (LedgerInstance after = LedgerInstance.onTestDatabase(IntegrationTest.ADMIN_KEY)) {
            Api api = after.api();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Response view = api.get("/api/wallets/" + wallet + "?minVersion=4", owner);
                assertThat(view.status()).isEqualTo(200);
                assertThat(view.text("available")).isEqualTo("20.00");
                assertThat(view.text("held")).isEqualTo("0.00");
            });
            Response capture = api.post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner, null);
            assertThat(capture.code()).isEqualTo("hold-not-active");
            assertThat(capture.text("currentState")).isEqualTo("EXPIRED");
        }
    }
}
