package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency keys are kept for the configured retention, then purged by the scheduled job and free for reuse. */
class IdempotencyRetentionIT {

    @Test
    void aKeyPastItsRetentionIsPurgedAndMayBeUsedAgain() {
        try (LedgerInstance ledger = LedgerInstance.onTestDatabase(IntegrationTest.ADMIN_KEY,
                Map.of("ledger.idempotency.retention", "PT2S", "ledger.idempotency.purge-interval", "PT1S"))) {
            Api api = ledger.api();
            String owner = api.clientKey(IntegrationTest.ADMIN_KEY, "forgetful-" + UUID.randomUUID());
            String wallet = api.openWallet(owner, "USD");
            api.deposit(IntegrationTest.ADMIN_KEY, wallet, "10.00");
            String path = "/api/wallets/" + wallet + "/withdrawals";

            assertThat(api.post(path, owner, "reused-later", "{\"amount\":\"1.00\"}").status()).isEqualTo(201);
            assertThat(api.post(path, owner, "reused-later", "{\"amount\":\"2.00\"}").code())
                    .as("within its retention the key belongs to the first request").isEqualTo("idempotency-key-reused");

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Response reused = api.post(path, owner, "reused-later", "{\"amount\":\"2.00\"}");
                assertThat(reused.status()).as(reused.body()).isEqualTo(201);
                assertThat(reused.header("Idempotent-Replayed")).isNull();
            });
            assertThat(api.get("/api/wallets/" + wallet + "?minVersion=4", owner).text("balance")).isEqualTo("7.00");
        }
    }
}
