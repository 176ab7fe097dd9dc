package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.wallet.Wallet;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A wallet loaded from its snapshot and the events after it decides exactly as one rebuilt from all its events:
 * the snapshot keeps every field (balance, holds and what became of them, status, version).
 */
class WalletSnapshotIT {

    private static final String ADMIN = IntegrationTest.ADMIN_KEY;
    private static final Map<String, String> SNAPSHOT_EVERY_10 = Map.of("ledger.snapshots.wallet-threshold", "10");

    @Test
    void aWalletLoadedFromItsSnapshotAndLaterEventsDecidesAsBefore() throws Exception {
        String client;
        String wallet;
        String openHold;
        String capturedHold;
        Response lastBefore;
        try (LedgerInstance first = LedgerInstance.onTestDatabase(ADMIN, SNAPSHOT_EVERY_10)) {
            Api api = first.api();
            client = api.clientKey(ADMIN, "snap-" + UUID.randomUUID());
            wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN, wallet, "100.00");
            openHold = hold(api, client, wallet, "7.00");
            capturedHold = hold(api, client, wallet, "5.00");
            assertThat(api.post("/api/wallets/" + wallet + "/holds/" + capturedHold + "/capture", client,
                    "cap-" + capturedHold, "{\"amount\":\"2.00\"}").status()).isEqualTo(200);
            assertThat(api.post("/api/wallets/" + wallet + "/freeze", ADMIN, "f-" + wallet, "{}").status())
                    .isEqualTo(200);
            assertThat(api.post("/api/wallets/" + wallet + "/unfreeze", ADMIN, "u-" + wallet, "{}").status())
                    .isEqualTo(200);
            for (int i = 0; i < 6; i++) {
                assertThat(withdraw(api, client, wallet, "1.00").status()).isEqualTo(201);
            }
            // 13 events so far: the snapshot is taken after the commit that passes 10
            JdbcTemplate jdbc = new JdbcTemplate(first.bean(DataSource.class));
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshotSequence(jdbc, wallet) != null);
            assertThat(snapshotSequence(jdbc, wallet)).isGreaterThanOrEqualTo(9L);   // sequence numbers start at 0
            JsonNode snapshot = new ObjectMapper().readTree(new String(jdbc.queryForObject(
                    "select payload from snapshot_event_entry where aggregate_identifier = ?", byte[].class, wallet),
                    StandardCharsets.UTF_8));
            assertThat(snapshot.at("/walletId").asText()).isEqualTo(wallet);
            assertThat(snapshot.at("/status").asText()).isEqualTo("ACTIVE");
            assertThat(snapshot.at("/holds/" + openHold + "/status").asText()).isEqualTo("ACTIVE");
            assertThat(snapshot.at("/holds/" + capturedHold + "/status").asText()).isEqualTo("CAPTURED");
            assertThat(snapshot.at("/holds/" + capturedHold + "/captured/minorUnits").asLong()).isEqualTo(200);
            // and events after the snapshot
            for (int i = 0; i < 3; i++) {
                assertThat(withdraw(api, client, wallet, "1.00").status()).isEqualTo(201);
            }
            lastBefore = withdraw(api, client, wallet, "1.00");
        }
        assertThat(lastBefore.text("balance")).isEqualTo("88.00");   // 100 - 2 captured - 10 x 1
        assertThat(lastBefore.text("held")).isEqualTo("7.00");
        assertThat(lastBefore.json().get("version").asLong()).isEqualTo(17);

        // a new instance has nothing cached: it loads the snapshot, then the events after it
        try (LedgerInstance second = LedgerInstance.onTestDatabase(ADMIN, SNAPSHOT_EVERY_10)) {
            DomainEventStream stream = second.bean(EventStore.class).readEvents(wallet);
            DomainEventMessage<?> head = stream.peek();
            assertThat(head.getPayload()).isInstanceOf(Wallet.class);
            assertThat(head.getSequenceNumber()).isLessThan(16);  // the last events came after it

            Api api = second.api();
            Response next = withdraw(api, client, wallet, "0.50");
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.text("balance")).isEqualTo("87.50");
            assertThat(next.text("held")).isEqualTo("7.00");
            assertThat(next.text("available")).isEqualTo("80.50");
            assertThat(next.json().get("version").asLong()).isEqualTo(18);
            Response capturedAgain = api.post("/api/wallets/" + wallet + "/holds/" + capturedHold + "/void", client,
                    "void-" + capturedHold, "{}");
            assertThat(capturedAgain.code()).isEqualTo("hold-not-active");
            Response tooMuch = withdraw(api, client, wallet, "80.51");
            assertThat(tooMuch.code()).isEqualTo("insufficient-funds");
            Response captured = api.post("/api/wallets/" + wallet + "/holds/" + openHold + "/capture", client,
                    "cap-" + openHold, "{}");
            assertThat(captured.status()).isEqualTo(200);
            assertThat(captured.text("capturedAmount")).isEqualTo("7.00");
            Response rest = withdraw(api, client, wallet, "80.50");
            assertThat(rest.status()).isEqualTo(201);
            assertThat(rest.text("balance")).isEqualTo("0.00");
            assertThat(rest.json().get("version").asLong()).isEqualTo(20);
        }
    }

    /**
     * Snapshots are taken off the command's thread: there, after the commit but still holding the wallet's lock,
     * the snapshot needed a connection of its own while every pooled connection belonged to a command waiting for
     * that lock, and the busy wallet stood still until the pool's timeout.
     */
    @Test
    void snapshotsOfABusyWalletDoNotWaitForConnectionsHeldByCommandsQueuedOnIt() throws Exception {
        Map<String, String> smallPool = Map.of("ledger.snapshots.wallet-threshold", "5",
                "spring.datasource.hikari.maximum-pool-size", "4",
                "spring.datasource.hikari.connection-timeout", "3000");
        try (LedgerInstance instance = LedgerInstance.onTestDatabase(ADMIN, smallPool)) {
            Api api = instance.api();
            String client = api.clientKey(ADMIN, "busy-" + UUID.randomUUID());
            String wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN, wallet, "100.00");
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    answers.add(threads.submit(() -> withdraw(api, client, wallet, "0.25")));
                }
                for (Future<Response> answer : answers) {
                    Response response = answer.get(60, TimeUnit.SECONDS);
                    assertThat(response.status()).as(response.body()).isEqualTo(201);
                }
            } finally {
                threads.shutdownNow();
            }
            Response last = withdraw(api, client, wallet, "0.01");
            assertThat(last.text("balance")).isEqualTo("79.99");
            JdbcTemplate jdbc = new JdbcTemplate(instance.bean(DataSource.class));
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshotSequence(jdbc, wallet) != null);
        }
    }

    private static Long snapshotSequence(JdbcTemplate jdbc, String wallet) {
        List<Long> found = jdbc.queryForList(
                "select sequence_number from snapshot_event_entry where aggregate_identifier = ?", Long.class, wallet);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String hold(Api api, String client, String wallet, String amount) {
        Response placed = api.post("/api/wallets/" + wallet + "/holds", client, "h-" + UUID.randomUUID(),
                "{\"amount\":\"" + amount + "\",\"expiresInSeconds\":3600}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.text("holdId");
    }

    private static Response withdraw(Api api, String client, String wallet, String amount) {
        return api.post("/api/wallets/" + wallet + "/withdrawals", client, "w-" + UUID.randomUUID(),
                "{\"amount\":\"" + amount + "\"}");
    }
}
