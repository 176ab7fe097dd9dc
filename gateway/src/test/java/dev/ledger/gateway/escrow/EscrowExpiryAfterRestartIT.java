package dev.ledger.gateway.escrow;

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

/** An escrow whose expiry came due while the service was down is EXPIRED after start, the buyer's money free. */
class EscrowExpiryAfterRestartIT {

    @Test
    void anEscrowExpiryThatCameDueWhileStoppedHappensAfterStart() {
        String admin = IntegrationTest.ADMIN_KEY;
        String buyer;
        String wallet;
        String escrow;
        Instant expiresAt;
        try (LedgerInstance before = LedgerInstance.onTestDatabase(admin)) {
            Api api = before.api();
            buyer = api.clientKey(admin, "sleepy-buyer-" + UUID.randomUUID());
            String seller = api.clientKey(admin, "sleepy-seller-" + UUID.randomUUID());
            wallet = api.openWallet(buyer, "USD");
            String sellerWallet = api.openWallet(seller, "USD");
            api.deposit(admin, wallet, "40.00");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + sellerWallet, seller).status() == 200);
            escrow = api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + wallet + "\",\"sellerWalletId\":\""
                    + sellerWallet + "\",\"amount\":\"40.00\",\"currency\":\"USD\",\"expiresInSeconds\":2}")
                    .text("escrowId");
            Response funded = api.post("/api/escrows/" + escrow + "/fund", buyer, null);
            assertThat(funded.status()).as(funded.body()).isEqualTo(200);
            expiresAt = Instant.parse(funded.text("expiresAt"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));

        try (LedgerInstance after = LedgerInstance.onTestDatabase(admin)) {
            Api api = after.api();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(api.get("/api/escrows/" + escrow, buyer).text("state")).isEqualTo("EXPIRED");
                Response view = api.get("/api/wallets/" + wallet, buyer);
                assertThat(view.text("available")).isEqualTo("40.00");
                assertThat(view.text("held")).isEqualTo("0.00");
            });
        }
    }
}
