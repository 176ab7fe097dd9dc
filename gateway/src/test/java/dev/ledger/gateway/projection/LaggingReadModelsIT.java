package dev.ledger.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.query.escrow.EscrowProjection;
import dev.ledger.query.transfer.TransferProjection;
import dev.ledger.query.wallet.HoldProjection;
import dev.ledger.query.wallet.WalletJournalProjection;
import dev.ledger.query.wallet.WalletProjection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With every read model stopped, so that none of them knows what the commands just did: commands decide on the
 * aggregates' own events (API.md §1 Decisions never read a read model), a refused command records nothing on any
 * wallet, and what a command created is never a 404 (Read-your-writes) — its events are readable at once, and its
 * view answers 503 {@code read-model-behind} until the read model has it.
 */
@TestPropertySource(properties = "ledger.read-your-writes.timeout=PT1S")
class LaggingReadModelsIT extends IntegrationTest {

    private static final List<String> READ_MODELS = List.of(WalletProjection.PROCESSING_GROUP,
            WalletJournalProjection.PROCESSING_GROUP, HoldProjection.PROCESSING_GROUP,
            TransferProjection.PROCESSING_GROUP, EscrowProjection.PROCESSING_GROUP);

    @Autowired
    private EventProcessingConfiguration processing;

    private String alice;
    private String bobId;
    private String bob;
    private String source;

    @BeforeEach
    void readModelsStopped() {
        alice = api.clientKey(ADMIN_KEY, newUser("alice"));
        bobId = newUser("bob");
        bob = api.clientKey(ADMIN_KEY, bobId);
        READ_MODELS.forEach(name -> processor(name).shutDown());
        source = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, source, "50.00");
    }

    @AfterEach
    void readModelsRunning() {
        READ_MODELS.forEach(name -> processor(name).start());
    }

    @Test
    void aTransferToAWalletOpenedAMomentAgoCreditsIt() {
        String fresh = api.openWallet(bob, "USD");

        Response done = transfer(alice, source, fresh, "12.50");

        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        assertThat(eventTypes("/api/wallets/" + source, alice))
                .containsExactly("WalletOpened", "MoneyDeposited", "TransferSent");
        assertThat(eventTypes("/api/wallets/" + fresh, bob)).containsExactly("WalletOpened", "TransferReceived");
        assertReadModelBehind(api.get("/api/wallets/" + fresh, bob));
        assertReadModelBehind(api.get("/api/transfers/" + done.text("transferId"), bob));

        readModelsRunning();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get("/api/wallets/" + fresh, bob).text("balance")).isEqualTo("12.50");
            assertThat(api.get("/api/wallets/" + source, alice).text("balance")).isEqualTo("37.50");
        });
        assertThat(api.get("/api/transfers/" + done.text("transferId"), bob).text("status")).isEqualTo("COMPLETED");
    }

    @Test
    void aTransferIsReadableByTheOwnerOfAWalletOnlyTheWalletsReadModelDoesNotShowYet() {
        // the transfer's read model runs, the wallets one lags: the transfer's row has no owner for the new wallet
        READ_MODELS.stream().filter(name -> !name.equals(WalletProjection.PROCESSING_GROUP))
                .forEach(name -> processor(name).start());
        String fresh = api.openWallet(bob, "USD");

        String transferId = transfer(alice, source, fresh, "12.50").text("transferId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response read = api.get("/api/transfers/" + transferId, bob);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("COMPLETED");
        });
        assertThat(api.get("/api/transfers/" + transferId, api.clientKey(ADMIN_KEY, newUser("eve"))).status())
                .isEqualTo(404);
    }

    @Test
    void aTransferToAWalletOfAnotherCurrencyOpenedAMomentAgoIsRefusedWithNothingOnEitherWallet() {
        String euros = api.openWallet(bob, "EUR");

        Response refused = transfer(alice, source, euros, "12.50");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("currency-mismatch");
        assertThat(eventTypes("/api/wallets/" + source, alice)).containsExactly("WalletOpened", "MoneyDeposited");
        assertThat(eventTypes("/api/wallets/" + euros, bob)).containsExactly("WalletOpened");
    }

    @Test
    void aTransferToAnUnknownWalletIsNotFoundWithNothingOnTheSource() {
        Response refused = transfer(alice, source, UUID.randomUUID().toString(), "12.50");

        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(eventTypes("/api/wallets/" + source, alice)).containsExactly("WalletOpened", "MoneyDeposited");
    }

    @Test
    void aTransferToAClosedWalletMovesNothing() {
        String closed = api.openWallet(bob, "USD");
        assertThat(api.post("/api/wallets/" + closed + "/close", bob, null).status()).isEqualTo(200);

        Response refused = transfer(alice, source, closed, "12.50");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("wallet-not-active");
        assertThat(eventTypes("/api/wallets/" + source, alice)).containsExactly("WalletOpened", "MoneyDeposited");
        assertThat(eventTypes("/api/wallets/" + closed, bob)).containsExactly("WalletOpened", "WalletClosed");
    }

    @Test
    void anEscrowBetweenWalletsOpenedAMomentAgoIsCreatedFundedReleasedAndReadableByTheSeller() {
        String sellerWallet = api.openWallet(bob, "USD");

        Response created = api.post("/api/escrows", alice, "{\"buyerWalletId\":\"" + source
                + "\",\"sellerWalletId\":\"" + sellerWallet + "\",\"amount\":\"20.00\",\"currency\":\"USD\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String escrow = created.text("escrowId");
        assertThat(created.text("sellerId")).as("the seller, as the seller's wallet says").isEqualTo(bobId);
        assertThat(api.post("/api/escrows/" + escrow + "/fund", alice, null).status()).isEqualTo(200);
        Response released = api.post("/api/escrows/" + escrow + "/release", alice, null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);

        assertThat(eventTypes("/api/escrows/" + escrow, bob))
                .containsExactly("EscrowCreated", "EscrowFunded", "EscrowReleased");
        assertThat(eventTypes("/api/wallets/" + sellerWallet, bob))
                .containsExactly("WalletOpened", "EscrowPaymentReceived");
        assertReadModelBehind(api.get("/api/escrows/" + escrow, bob));
        assertThat(api.get("/api/escrows/" + escrow + "/events", api.clientKey(ADMIN_KEY, newUser("eve"))).status())
                .as("a stranger still learns nothing of it").isEqualTo(404);

        readModelsRunning();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response seen = api.get("/api/escrows/" + escrow + "?minVersion=3", bob);
            assertThat(seen.status()).as(seen.body()).isEqualTo(200);
            assertThat(seen.text("state")).isEqualTo("RELEASED");
        });
    }

    @Test
    void anEscrowInAnotherCurrencyThanAJustOpenedSellerWalletIsRefused() {
        String euros = api.openWallet(bob, "EUR");

        Response refused = api.post("/api/escrows", alice, "{\"buyerWalletId\":\"" + source
                + "\",\"sellerWalletId\":\"" + euros + "\",\"amount\":\"20.00\",\"currency\":\"USD\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("currency-mismatch");
    }

    @Test
    void aMeteredCallIsChargedToABillingWalletOpenedAMomentAgo() {
        String user = newUser("metered");
        String owner = api.clientKey(ADMIN_KEY, user);
        String credits = api.openWallet(owner, "CRD");
        api.deposit(ADMIN_KEY, credits, "3");
        String metered = api.post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"client\",\"userId\":\""
                + user + "\",\"billingWalletId\":\"" + credits + "\"}").text("key");

        Response echo = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/echo")).GET(), metered,
                Map.of());

        assertThat(echo.status()).as(echo.body()).isEqualTo(200);
        assertThat(eventTypes("/api/wallets/" + credits, owner))
                .containsExactly("WalletOpened", "MoneyDeposited", "HoldPlaced", "HoldCaptured");
    }

    private Response transfer(String key, String from, String to, String amount) {
        return api.post("/api/transfers", key, "{\"fromWalletId\":\"" + from + "\",\"toWalletId\":\"" + to
                + "\",\"amount\":\"" + amount + "\"}");
    }

    /** The aggregate's events as the event store holds them, read as the given caller. */
    private List<String> eventTypes(String resource, String key) {
        Response events = api.get(resource + "/events", key);
        assertThat(events.status()).as(resource + ": " + events.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode event : events.json().get("items")) {
            types.add(event.get("type").asText());
        }
        return types;
    }

    private static void assertReadModelBehind(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("read-model-behind");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
