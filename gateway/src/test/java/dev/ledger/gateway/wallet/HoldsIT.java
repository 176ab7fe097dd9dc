package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Holds through HTTP on PostgreSQL: two-phase payments, expiry on their own, and races with one winner. */
class HoldsIT extends IntegrationTest {

    private String owner;
    private String wallet;

    @BeforeEach
    void walletWithMoney() {
        owner = api.clientKey(ADMIN_KEY, newUser("holder"));
        wallet = api.openWallet(owner, "USD");
        api.deposit(ADMIN_KEY, wallet, "100.00");
    }

    private Response placeHold(String amount, Integer expiresInSeconds) {
        String body = "{\"amount\":\"" + amount + "\"" + (expiresInSeconds == null ? "" : ",\"expiresInSeconds\":"
                + expiresInSeconds) + ",\"reference\":\"order-1\"}";
        return api.post("/api/wallets/" + wallet + "/holds", owner, body);
    }

    private JsonNode walletView() {
        return api.get("/api/wallets/" + wallet, owner).json();
    }

    @Test
    void aHoldReservesAvailableMoneyAndAPartialCaptureReleasesTheRest() {
        Response placed = placeHold("40.00", null);

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.text("status")).isEqualTo("ACTIVE");
        assertThat(placed.text("amount")).isEqualTo("40.00");
        assertThat(placed.text("capturedAmount")).isEqualTo("0.00");
        assertThat(placed.text("reference")).isEqualTo("order-1");
        assertThat(placed.json().get("version").asLong()).isEqualTo(3);
        assertThat(Duration.between(Instant.parse(placed.text("createdAt")), Instant.parse(placed.text("expiresAt"))))
                .isEqualTo(Duration.ofSeconds(900));
        String hold = placed.text("holdId");
        JsonNode afterPlace = api.get("/api/wallets/" + wallet + "?minVersion=3", owner).json();
        assertThat(afterPlace.get("balance").asText()).isEqualTo("100.00");
        assertThat(afterPlace.get("held").asText()).isEqualTo("40.00");
        assertThat(afterPlace.get("available").asText()).isEqualTo("60.00");

        Response tooMuch = api.post("/api/wallets/" + wallet + "/withdrawals", owner, "{\"amount\":\"60.01\"}");
        assertThat(tooMuch.code()).isEqualTo("insufficient-funds");
        Response exceeds = api.post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner,
                "{\"amount\":\"40.01\"}");
        assertThat(exceeds.status()).isEqualTo(422);
        assertThat(exceeds.code()).isEqualTo("capture-exceeds-hold");

        Response captured = api.post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner,
                "{\"amount\":\"25.00\"}");
        assertThat(captured.status()).isEqualTo(200);
        assertThat(captured.text("status")).isEqualTo("CAPTURED");
        assertThat(captured.text("capturedAmount")).isEqualTo("25.00");
        JsonNode afterCapture = api.get("/api/wallets/" + wallet + "?minVersion=4", owner).json();
        assertThat(afterCapture.get("balance").asText()).isEqualTo("75.00");
        assertThat(afterCapture.get("held").asText()).isEqualTo("0.00");
        assertThat(afterCapture.get("available").asText()).isEqualTo("75.00");

        Response again = api.post("/api/wallets/" + wallet + "/holds/" + hold + "/void", owner, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("hold-not-active");
        assertThat(again.text("currentState")).isEqualTo("CAPTURED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode entries = api.get("/api/wallets/" + wallet + "/entries?limit=2", owner).json().get("items");
            assertThat(entries.findValuesAsText("type")).containsExactly("HOLD_CAPTURED", "HOLD_PLACED");
            assertThat(entries.get(0).get("amount").asText()).isEqualTo("25.00");
            assertThat(entries.get(0).get("balanceAfter").asText()).isEqualTo("75.00");
            assertThat(entries.get(0).get("heldAfter").asText()).isEqualTo("0.00");
            assertThat(entries.get(1).get("heldAfter").asText()).isEqualTo("40.00");
            assertThat(entries.get(1).get("availableAfter").asText()).isEqualTo("60.00");
        });
    }

    @Test
    void voidingReleasesTheHoldAndTheHoldsListShowsEveryState() {
        String voided = placeHold("10.00", null).text("holdId");
        String active = placeHold("5.00", null).text("holdId");
        Response voidedResponse = api.post("/api/wallets/" + wallet + "/holds/" + voided + "/void", owner, "{}");
        assertThat(voidedResponse.status()).isEqualTo(200);
        assertThat(voidedResponse.text("status")).isEqualTo("VOIDED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response list = api.get("/api/wallets/" + wallet + "/holds", owner);
            assertThat(list.status()).isEqualTo(200);
            JsonNode holds = list.json().get("items");
            assertThat(holds.findValuesAsText("holdId")).containsExactly(active, voided);
            assertThat(holds.findValuesAsText("status")).containsExactly("ACTIVE", "VOIDED");
        });
        assertThat(api.get("/api/wallets/" + wallet + "/holds?status=ACTIVE", owner).json().get("items")
                .findValuesAsText("holdId")).containsExactly(active);
        Response page = api.get("/api/wallets/" + wallet + "/holds?limit=1", owner);
        assertThat(api.get("/api/wallets/" + wallet + "/holds?limit=1&cursor=" + page.text("nextCursor"), owner)
                .json().get("items").findValuesAsText("holdId")).containsExactly(voided);
        assertThat(api.get("/api/wallets/" + wallet + "?minVersion=5", owner).json().get("available").asText())
                .isEqualTo("95.00");
    }

    @Test
    void holdRequestsAreValidatedAndAuthorized() {
        String stranger = api.clientKey(ADMIN_KEY, newUser("stranger"));
        assertThat(placeHold("100.01", null).code()).isEqualTo("insufficient-funds");
        assertThat(placeHold("1.00", 0).code()).isEqualTo("validation-failed");
        assertThat(placeHold("1.00", 2_592_001).code()).isEqualTo("validation-failed");
        assertThat(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"1.00\",\"expiresInSeconds\":\"9\"}")
                .code()).isEqualTo("validation-failed");
        assertThat(placeHold("1.001", null).code()).isEqualTo("validation-failed");
        assertThat(api.post("/api/wallets/" + wallet + "/holds", stranger, "{\"amount\":\"1.00\"}").status())
                .isEqualTo(404);
        assertThat(api.post("/api/wallets/" + wallet + "/holds/" + UUID.randomUUID() + "/capture", owner, null)
                .status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + wallet + "/holds", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + wallet + "/holds?status=OPEN", owner).code()).isEqualTo("validation-failed");
        String hold = placeHold("1.00", null).text("holdId");
        assertThat(api.post("/api/wallets/" + wallet + "/holds/" + hold + "/void", stranger, null).status())
                .isEqualTo(404);
        String beforeFreeze = placeHold("2.00", null).text("holdId");
        api.post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, null);
        assertThat(placeHold("1.00", null).code()).isEqualTo("wallet-not-active");
        assertThat(api.post("/api/wallets/" + wallet + "/holds/" + hold + "/void", owner, null).status()).isEqualTo(200);
        assertThat(api.post("/api/wallets/" + wallet + "/holds/" + beforeFreeze + "/capture", owner, null).status())
                .as("a hold reserved before a freeze can still be captured").isEqualTo(200);
    }

    @Test
    void aHoldStillActiveAtItsExpiryBecomesExpiredWithinFiveSeconds() {
        Response placed = placeHold("30.00", 1);
        Instant expiresAt = Instant.parse(placed.text("expiresAt"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(api.get("/api/wallets/" + wallet + "?minVersion=4", owner).text("available"))
                        .isEqualTo("100.00"));
        assertThat(Instant.now()).isBefore(expiresAt.plusSeconds(6));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode hold = api.get("/api/wallets/" + wallet + "/holds", owner).json().get("items").get(0);
            assertThat(hold.get("status").asText()).isEqualTo("EXPIRED");
            JsonNode entry = api.get("/api/wallets/" + wallet + "/entries?limit=1", owner).json().get("items").get(0);
            assertThat(entry.get("type").asText()).isEqualTo("HOLD_EXPIRED");
            assertThat(entry.get("amount").asText()).isEqualTo("30.00");
        });
        Response late = api.post("/api/wallets/" + wallet + "/holds/" + placed.text("holdId") + "/capture", owner, null);
        assertThat(late.code()).isEqualTo("hold-not-active");
        assertThat(late.text("currentState")).isEqualTo("EXPIRED");
    }

    @Test
    void captureVoidAndExpiryRacingOnFiftyHoldsHaveExactlyOneWinnerEach() throws Exception {
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            holds.add(placeHold("1.00", 2).text("holdId"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Response>> captures = new ArrayList<>();
            List<CompletableFuture<Response>> voids = new ArrayList<>();
            for (String hold : holds) {
                captures.add(CompletableFuture.supplyAsync(() -> api.post(
                        "/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner, null), pool));
                voids.add(CompletableFuture.supplyAsync(() -> api.post(
                        "/api/wallets/" + wallet + "/holds/" + hold + "/void", owner, null), pool));
            }
            int captured = 0;
            for (int i = 0; i < holds.size(); i++) {
                Response capture = captures.get(i).join();
                Response voided = voids.get(i).join();
                assertThat(List.of(capture.status(), voided.status())).as(capture.body() + voided.body())
                        .containsAnyOf(200, 409).doesNotContain(500);
                assertThat(capture.status() == 200 && voided.status() == 200).isFalse();
                for (Response loser : List.of(capture, voided)) {
                    if (loser.status() == 409) {
                        assertThat(loser.code()).isEqualTo("hold-not-active");
                    }
                }
                if (capture.status() == 200) {
                    captured++;
                }
            }
            int expectedCaptured = captured;
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode all = api.get("/api/wallets/" + wallet + "/holds?limit=500", owner).json().get("items");
                assertThat(all.findValuesAsText("status")).hasSize(50).doesNotContain("ACTIVE");
                assertThat(all.findValuesAsText("status").stream().filter("CAPTURED"::equals)).hasSize(expectedCaptured);
                JsonNode view = walletView();
                assertThat(view.get("held").asText()).isEqualTo("0.00");
                assertThat(view.get("balance").asText())
                        .isEqualTo(new java.math.BigDecimal("100.00").subtract(java.math.BigDecimal.valueOf(expectedCaptured))
                                .setScale(2).toPlainString());
            });
        } finally {
            pool.shutdownNow();
        }
    }
}
