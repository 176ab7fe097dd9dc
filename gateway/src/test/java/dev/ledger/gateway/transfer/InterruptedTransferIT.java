package dev.ledger.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.command.transfer.TransferProcess;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/**
 * A transfer whose process is cut off after the debit (the service stops before the credit) settles exactly once
 * when the service is back, and replaying the whole process history afterwards moves nothing again.
 */
class InterruptedTransferIT {

    @Test
    void aTransferInterruptedMidwaySettlesExactlyOnceAfterARestart() {
        String admin = IntegrationTest.ADMIN_KEY;
        String owner;
        String from;
        String to;
        String transferId;
        try (LedgerInstance before = LedgerInstance.onTestDatabase(admin,
                Map.of("ledger.transfers.settle-timeout", "PT1S"))) {
            Api api = before.api();
            owner = api.clientKey(admin, "mover-" + UUID.randomUUID());
            from = api.openWallet(owner, "USD");
            to = api.openWallet(owner, "USD");
            api.deposit(admin, from, "50.00");
            before.bean(EventProcessingConfiguration.class)
                    .eventProcessor(TransferProcess.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow().shutDown();

            Response pending = api.post("/api/transfers", owner, "{\"fromWalletId\":\"" + from
                    + "\",\"toWalletId\":\"" + to + "\",\"amount\":\"12.50\"}");

            assertThat(pending.status()).as(pending.body()).isEqualTo(202);
            assertThat(pending.text("status")).isEqualTo("PENDING");
            transferId = pending.text("transferId");
            assertThat(pending.header("Location")).isEqualTo("/api/transfers/" + transferId);
        }

        try (LedgerInstance after = LedgerInstance.onTestDatabase(admin)) {
            Api api = after.api();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(api.get("/api/transfers/" + transferId, owner).text("status")).isEqualTo("COMPLETED");
                assertThat(api.get("/api/wallets/" + from, owner).text("balance")).isEqualTo("37.50");
                assertThat(api.get("/api/wallets/" + to, owner).text("balance")).isEqualTo("12.50");
            });

            StreamingEventProcessor process = after.bean(EventProcessingConfiguration.class)
                    .eventProcessor(TransferProcess.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
            process.shutDown();
            process.resetTokens();
            process.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> process.processingStatus().values().stream()
                    .noneMatch(status -> status.isReplaying()));

            assertThat(api.get("/api/wallets/" + to + "?minVersion=2", owner).json().get("version").asLong())
                    .isEqualTo(2);
            assertThat(api.get("/api/wallets/" + from + "?minVersion=3", owner).json().get("version").asLong())
                    .isEqualTo(3);
            assertThat(api.get("/api/wallets/" + to, owner).text("balance")).isEqualTo("12.50");
        }
    }
}
