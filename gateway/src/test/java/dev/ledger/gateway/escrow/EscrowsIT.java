package dev.ledger.gateway.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Escrows through HTTP on PostgreSQL: lifecycles, permissions, races with one winner, expiry on its own. */
class EscrowsIT extends IntegrationTest {

    private String buyer;
    private String buyerId;
    private String seller;
    private String stranger;
    private String auditor;
    private String buyerWallet;
    private String sellerWallet;

    @BeforeEach
    void buyerAndSeller() {
        buyerId = newUser("buyer");
        buyer = api.clientKey(ADMIN_KEY, buyerId);
        seller = api.clientKey(ADMIN_KEY, newUser("seller"));
        stranger = api.clientKey(ADMIN_KEY, newUser("stranger"));
        auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        buyerWallet = api.openWallet(buyer, "USD");
        sellerWallet = api.openWallet(seller, "USD");
        api.deposit(ADMIN_KEY, buyerWallet, "500.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + buyerWallet, buyer).status() == 200
                && api.get("/api/wallets/" + sellerWallet, seller).status() == 200);
    }

    private Response create(String key, String amount, Integer expiresInSeconds) {
        return api.post("/api/escrows", key, "{\"buyerWalletId\":\"" + buyerWallet + "\",\"sellerWalletId\":\""
                + sellerWallet + "\",\"amount\":\"" + amount + "\",\"currency\":\"USD\",\"description\":\"a bike\""
                + (expiresInSeconds == null ? "" : ",\"expiresInSeconds\":" + expiresInSeconds) + "}");
    }

    private Response act(String escrow, String action, String key) {
        return api.post("/api/escrows/" + escrow + "/" + action, key, null);
    }

    private BigDecimal balance(String wallet, String key) {
        return new BigDecimal(api.get("/api/wallets/" + wallet, key).text("balance"));
    }

    @Test
    void aFundedEscrowReleasedToTheSeller() {
        Response created = create(buyer, "120.00", null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode escrow = created.json();
        String id = escrow.get("escrowId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/escrows/" + id);
        assertThat(escrow.get("state").asText()).isEqualTo("CREATED");
        assertThat(escrow.get("buyerId").asText()).isEqualTo(buyerId);
        assertThat(escrow.get("amount").asText()).isEqualTo("120.00");
        assertThat(escrow.get("currency").asText()).isEqualTo("USD");
        assertThat(escrow.get("expiresInSeconds").asLong()).isEqualTo(86_400);
        assertThat(escrow.get("fundedAt").isNull()).isTrue();
        assertThat(escrow.get("version").asLong()).isEqualTo(1);

        Response funded = act(id, "fund", buyer);
        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        assertThat(funded.text("state")).isEqualTo("FUNDED");
        assertThat(Duration.between(Instant.parse(funded.text("fundedAt")), Instant.parse(funded.text("expiresAt"))))
                .isEqualTo(Duration.ofSeconds(86_400));
        JsonNode buyerAfterFunding = api.get("/api/wallets/" + buyerWallet + "?minVersion=3", buyer).json();
        assertThat(buyerAfterFunding.get("held").asText()).isEqualTo("120.00");
        assertThat(buyerAfterFunding.get("available").asText()).isEqualTo("380.00");

        Response released = act(id, "release", buyer);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.text("state")).isEqualTo("RELEASED");
        assertThat(released.text("releasedAt")).isNotNull();
        assertThat(released.json().get("version").asLong()).isEqualTo(3);
        assertThat(api.get("/api/escrows/" + id + "?minVersion=3", seller).json()).isEqualTo(released.json());
        assertThat(api.get("/api/wallets/" + buyerWallet + "?minVersion=4", buyer).text("balance")).isEqualTo("380.00");
        assertThat(api.get("/api/wallets/" + sellerWallet + "?minVersion=2", seller).text("balance")).isEqualTo("120.00");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode paid = api.get("/api/wallets/" + sellerWallet + "/entries?limit=1", seller).json().get("items").get(0);
            assertThat(paid.get("type").asText()).isEqualTo("ESCROW_RECEIVED");
            assertThat(paid.get("counterparty").asText()).isEqualTo(buyerWallet);
            JsonNode captured = api.get("/api/wallets/" + buyerWallet + "/entries?limit=1", buyer).json().get("items").get(0);
            assertThat(captured.get("type").asText()).isEqualTo("HOLD_CAPTURED");
        });

        Response late = act(id, "refund", buyer);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("invalid-state-transition");
        assertThat(late.text("currentState")).isEqualTo("RELEASED");
    }

    @Test
    void aRefundGivesTheBuyerItsMoneyBackAndAnUnfundableEscrowStaysCreated() {
        String id = create(buyer, "100.00", null).text("escrowId");
        act(id, "fund", buyer);
        Response refunded = act(id, "refund", ADMIN_KEY);
        assertThat(refunded.status()).isEqualTo(200);
        assertThat(refunded.text("state")).isEqualTo("REFUNDED");
        assertThat(api.get("/api/wallets/" + buyerWallet + "?minVersion=4", buyer).text("available")).isEqualTo("500.00");

        String tooBig = create(buyer, "500.01", null).text("escrowId");
        Response unfunded = act(tooBig, "fund", buyer);
        assertThat(unfunded.status()).isEqualTo(422);
        assertThat(unfunded.code()).isEqualTo("insufficient-funds");
        assertThat(api.get("/api/escrows/" + tooBig + "?minVersion=1", buyer).text("state")).isEqualTo("CREATED");
        assertThat(act(tooBig, "release", buyer).text("currentState")).isEqualTo("CREATED");
        api.deposit(ADMIN_KEY, buyerWallet, "1.00");
        assertThat(act(tooBig, "fund", buyer).text("state")).as("a new attempt may succeed").isEqualTo("FUNDED");
    }

    @Test
    void creationIsValidated() {
        assertThat(create(buyer, "1.001", null).code()).isEqualTo("validation-failed");
        assertThat(create(buyer, "0", null).code()).isEqualTo("validation-failed");
        assertThat(create(buyer, "1.00", 0).code()).isEqualTo("validation-failed");
        assertThat(create(buyer, "1.00", 2_592_001).code()).isEqualTo("validation-failed");
        String euros = api.openWallet(seller, "EUR");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + euros, seller).status() == 200);
        Response mismatch = api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + buyerWallet
                + "\",\"sellerWalletId\":\"" + euros + "\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("currency-mismatch");
        Response wrongCurrency = api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + buyerWallet
                + "\",\"sellerWalletId\":\"" + sellerWallet + "\",\"amount\":\"1.00\",\"currency\":\"EUR\"}");
        assertThat(wrongCurrency.code()).isEqualTo("currency-mismatch");
        assertThat(api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + buyerWallet
                + "\",\"sellerWalletId\":\"" + buyerWallet + "\",\"amount\":\"1.00\",\"currency\":\"USD\"}").code())
                .isEqualTo("validation-failed");
    }

    @Test
    void thePermissionMatrix() {
        assertThat(create(seller, "1.00", null).status()).as("seller creating from the buyer's wallet").isEqualTo(404);
        assertThat(create(stranger, "1.00", null).status()).isEqualTo(404);
        assertThat(create(auditor, "1.00", null).status()).isEqualTo(403);
        assertThat(create(ADMIN_KEY, "1.00", null).status()).isEqualTo(201);

        String id = create(buyer, "10.00", null).text("escrowId");
        api.get("/api/escrows/" + id + "?minVersion=1", buyer);
        for (String reader : List.of(buyer, seller, ADMIN_KEY, auditor)) {
            assertThat(api.get("/api/escrows/" + id, reader).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/escrows/" + id, stranger).status()).isEqualTo(404);

        for (String action : List.of("fund", "release", "refund")) {
            assertThat(act(id, action, seller).status()).as("seller " + action).isEqualTo(403);
            assertThat(act(id, action, seller).code()).isEqualTo("forbidden");
            assertThat(act(id, action, stranger).status()).as("stranger " + action).isEqualTo(404);
            assertThat(act(id, action, auditor).status()).as("auditor " + action).isEqualTo(403);
        }
        assertThat(act(id, "fund", ADMIN_KEY).status()).isEqualTo(200);
        assertThat(act(id, "release", buyer).status()).isEqualTo(200);

        String other = create(buyer, "10.00", null).text("escrowId");
        assertThat(act(other, "fund", buyer).status()).isEqualTo(200);
        assertThat(act(other, "refund", ADMIN_KEY).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode asBuyer = api.get("/api/escrows?role=buyer", buyer).json().get("items");
            assertThat(asBuyer.findValuesAsText("escrowId")).contains(id, other);
            assertThat(api.get("/api/escrows?role=seller", seller).json().get("items").findValuesAsText("escrowId"))
                    .contains(id, other);
            assertThat(api.get("/api/escrows?role=seller", buyer).json().get("items")).isEmpty();
            assertThat(api.get("/api/escrows", stranger).json().get("items")).isEmpty();
            assertThat(api.get("/api/escrows?state=RELEASED&limit=500", auditor).json().get("items")
                    .findValuesAsText("escrowId")).contains(id).doesNotContain(other);
        });
        Response page = api.get("/api/escrows?role=buyer&limit=1", buyer);
        assertThat(page.text("nextCursor")).isNotNull();
        assertThat(api.get("/api/escrows?role=owner", buyer).code()).isEqualTo("validation-failed");
        assertThat(api.get("/api/escrows?state=OPEN", buyer).code()).isEqualTo("validation-failed");
    }

    @Test
    void releaseAndRefundFiredTogetherOnTwentyEscrowsEndInOneTerminalStateEach() throws Exception {
        List<String> escrows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = create(buyer, "10.00", null).text("escrowId");
            assertThat(act(id, "fund", buyer).status()).isEqualTo(200);
            escrows.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int released = 0;
        try {
            List<CompletableFuture<Response>> releases = new ArrayList<>();
            List<CompletableFuture<Response>> refunds = new ArrayList<>();
            for (String id : escrows) {
                releases.add(CompletableFuture.supplyAsync(() -> act(id, "release", buyer), pool));
                refunds.add(CompletableFuture.supplyAsync(() -> act(id, "refund", buyer), pool));
            }
            for (int i = 0; i < escrows.size(); i++) {
                Response release = releases.get(i).join();
                Response refund = refunds.get(i).join();
                assertThat(List.of(release.status(), refund.status())).as(release.body() + refund.body())
                        .containsExactlyInAnyOrder(200, 409);
                if (release.status() == 200) {
                    released++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int expectedReleased = released;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            BigDecimal buyerBalance = balance(buyerWallet, buyer);
            BigDecimal sellerBalance = balance(sellerWallet, seller);
            assertThat(buyerBalance.add(sellerBalance)).isEqualByComparingTo("500.00");
            assertThat(sellerBalance).isEqualByComparingTo(BigDecimal.TEN.multiply(BigDecimal.valueOf(expectedReleased)));
            assertThat(api.get("/api/wallets/" + buyerWallet, buyer).text("held")).isEqualTo("0.00");
        });
    }

    @Test
    void aFundedEscrowExpiresOnItsOwnAndReleaseRacingTheExpiryHasOneWinner() {
        String expiring = create(buyer, "50.00", 1).text("escrowId");
        Response funded = act(expiring, "fund", buyer);
        Instant expiresAt = Instant.parse(funded.text("expiresAt"));
        String racing = create(buyer, "30.00", 2).text("escrowId");
        act(racing, "fund", buyer);

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusMillis(1500)));
        Response release = act(racing, "release", buyer);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode expired = api.get("/api/escrows/" + expiring, buyer).json();
            assertThat(expired.get("state").asText()).isEqualTo("EXPIRED");
            assertThat(Instant.parse(expired.get("expiredAt").asText())).isBefore(expiresAt.plusSeconds(5));
            String racingState = api.get("/api/escrows/" + racing, buyer).text("state");
            assertThat(racingState).isIn("RELEASED", "EXPIRED");
            assertThat(racingState.equals("RELEASED")).isEqualTo(release.status() == 200);
            BigDecimal sellerBalance = balance(sellerWallet, seller);
            assertThat(balance(buyerWallet, buyer).add(sellerBalance)).isEqualByComparingTo("500.00");
            assertThat(sellerBalance).isEqualByComparingTo(racingState.equals("RELEASED") ? "30.00" : "0.00");
            assertThat(api.get("/api/wallets/" + buyerWallet, buyer).text("held")).isEqualTo("0.00");
        });
        assertThat(act(expiring, "release", buyer).text("currentState")).isEqualTo("EXPIRED");
    }
}
