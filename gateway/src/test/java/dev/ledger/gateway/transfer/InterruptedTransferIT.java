package dev.ledger.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.command.transfer.TransferProcess;
import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import dev.ledger.gateway.support.ReplayedHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transfer the former flow (docs/adr/006) left in flight — debited from its source, credited to no one — when the
 * service was upgraded settles exactly once afterwards, and replaying the whole process history moves nothing again.
 * Today's transfers never leave one (docs/adr/012), so the test writes it into the event store as the former version
 * did.
 */
class InterruptedTransferIT {

    @Test
    void aTransferLeftInFlightByTheFormerFlowSettlesExactlyOnceAfterAnUpgrade() {
        String admin = IntegrationTest.ADMIN_KEY;
        String owner;
        String from;
        String to;
        String transferId = UUID.randomUUID().toString();
        try (LedgerInstance before = LedgerInstance.onTestDatabase(admin, Map.of())) {
            Api api = before.api();
            owner = api.clientKey(admin, "mover-" + UUID.randomUUID());
            from = api.openWallet(owner, "USD");
            to = api.openWallet(owner, "USD");
            api.deposit(admin, from, "50.00");
            before.bean(EventProcessingConfiguration.class)
                    .eventProcessor(TransferProcess.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow().shutDown();

            appendInFlightTransfer(before, from, to, transferId);

            assertThat(api.get("/api/wallets/" + from + "?minVersion=3", owner).text("balance")).isEqualTo("37.50");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(api.get("/api/transfers/" + transferId, owner).text("status")).isEqualTo("PENDING"));
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
            long head = ReplayedHistory.head(after.bean(EventStore.class));
            process.resetTokens();
            process.start();
            ReplayedHistory.awaitHandled(process, 4, head, Duration.ofSeconds(60));

            assertThat(api.get("/api/wallets/" + to + "?minVersion=2", owner).json().get("version").asLong())
                    .isEqualTo(2);
            assertThat(api.get("/api/wallets/" + from + "?minVersion=3", owner).json().get("version").asLong())
                    .isEqualTo(3);
            assertThat(api.get("/api/wallets/" + to, owner).text("balance")).isEqualTo("12.50");
        }
    }

    /** What the former version appended for a transfer: the source's debit alone, to be settled by the process. */
    private static void appendInFlightTransfer(LedgerInstance instance, String from, String to, String transferId) {
        EventStore events = instance.bean(EventStore.class);
        new TransactionTemplate(instance.bean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            long next = events.readEvents(from).asStream().count();
            events.publish(new GenericDomainEventMessage<>("Wallet", from, next, new TransferSent(from, transferId,
                    UUID.randomUUID().toString(), Money.of(1_250, "USD"), to, null, Instant.now(), false)));
        });
    }
}
