package dev.ledger.gateway.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions through HTTP on PostgreSQL (API.md §9): every leg or none, refusals that name the failing leg's
 * wallet and record nothing, journal entries whose counterparty is the transaction, reversals once, lists filtered
 * by wallet and metadata.
 */
class TransactionsIT extends IntegrationTest {

    private String buyer;
    private String seller;
    private String platform;
    private String buyerWallet;
    private String sellerWallet;
    private String platformWallet;

    @BeforeEach
    void marketplace() {
        buyer = api.clientKey(ADMIN_KEY, newUser("buyer"));
        seller = api.clientKey(ADMIN_KEY, newUser("seller"));
        platform = api.clientKey(ADMIN_KEY, newUser("platform"));
        buyerWallet = api.openWallet(buyer, "USD");
        sellerWallet = api.openWallet(seller, "USD");
        platformWallet = api.openWallet(platform, "USD");
        api.deposit(ADMIN_KEY, buyerWallet, "100.00");
    }

    static String leg(String wallet, String direction, String amount) {
        return "{\"walletId\":\"" + wallet + "\",\"direction\":\"" + direction + "\",\"amount\":\"" + amount + "\"}";
    }

    static String body(String currency, String extra, String... legs) {
        return "{\"currency\":\"" + currency + "\",\"legs\":[" + String.join(",", legs) + "]" + extra + "}";
    }

    private Response sale(String key, String price, String fee, String extra) {
        String total = new BigDecimal(price).add(new BigDecimal(fee)).toPlainString();
        return api.post("/api/transactions", key, body("USD", extra, leg(buyerWallet, "debit", total),
                leg(sellerWallet, "credit", price), leg(platformWallet, "credit", fee)));
    }

    private List<String> eventTypes(String wallet) {
        List<String> types = new ArrayList<>();
        api.get("/api/wallets/" + wallet + "/events", ADMIN_KEY).json().get("items")
                .forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private String balance(String wallet) {
        return api.get("/api/wallets/" + wallet, ADMIN_KEY).text("balance");
    }

    @Test
    void aSplitPaymentMovesEveryLegAtOnceAndIsReadableAtOnce() {
        Response posted = sale(buyer, "45.00", "5.00", ",\"reference\":\"order 7\",\"metadata\":{\"orderId\":\"o-7\"}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode view = posted.json();
        String id = view.get("transactionId").asText();
        assertThat(posted.header("Location")).isEqualTo("/api/transactions/" + id);
        assertThat(view.get("status").asText()).isEqualTo("POSTED");
        assertThat(view.get("currency").asText()).isEqualTo("USD");
        assertThat(view.get("reference").asText()).isEqualTo("order 7");
        assertThat(view.get("metadata").get("orderId").asText()).isEqualTo("o-7");
        assertThat(view.get("reversalOf").isNull()).isTrue();
        assertThat(view.get("legs")).hasSize(3);
        assertThat(view.get("legs").get(0).get("direction").asText()).isEqualTo("debit");
        assertThat(view.get("legs").get(0).get("amount").asText()).isEqualTo("50.00");
        // read-your-writes: never a 404 right after the 201, for any party
        assertThat(api.get("/api/transactions/" + id, seller).json()).isEqualTo(view);
        assertThat(api.get("/api/transactions/" + id, platform).status()).isEqualTo(200);
        assertThat(api.get("/api/transactions/" + id, buyer).status()).isEqualTo(200);
        assertThat(api.get("/api/transactions/" + id, api.keyWithRole(ADMIN_KEY, "auditor")).status()).isEqualTo(200);
        assertThat(api.get("/api/transactions/" + id, api.clientKey(ADMIN_KEY, newUser("eve"))).status())
                .isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(balance(buyerWallet)).isEqualTo("50.00");
            assertThat(balance(sellerWallet)).isEqualTo("45.00");
            assertThat(balance(platformWallet)).isEqualTo("5.00");
            JsonNode debited = api.get("/api/wallets/" + buyerWallet + "/entries?limit=1", buyer).json()
                    .get("items").get(0);
            assertThat(debited.get("type").asText()).isEqualTo("TRANSACTION_DEBITED");
            assertThat(debited.get("amount").asText()).isEqualTo("50.00");
            assertThat(debited.get("counterparty").asText()).isEqualTo(id);
            assertThat(debited.get("reference").asText()).isEqualTo("order 7");
            JsonNode credited = api.get("/api/wallets/" + sellerWallet + "/entries?limit=1", seller).json()
                    .get("items").get(0);
            assertThat(credited.get("type").asText()).isEqualTo("TRANSACTION_CREDITED");
            assertThat(credited.get("balanceAfter").asText()).isEqualTo("45.00");
            assertThat(credited.get("counterparty").asText()).isEqualTo(id);
        });
    }

    @Test
    void metadataIsEmptyWhenNoneWasGiven() {
        Response posted = sale(ADMIN_KEY, "1.00", "1.00", "");

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("metadata").isObject()).isTrue();
        assertThat(posted.json().get("metadata")).isEmpty();
        assertThat(posted.json().get("reference").isNull()).isTrue();
    }

    @Test
    void malformedTransactionsAre400AndRecordNothing() {
        assertThat(api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "10.00"),
                leg(sellerWallet, "credit", "9.00"))).code()).as("unbalanced").isEqualTo("validation-failed");
        assertThat(api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "10.00"),
                leg(buyerWallet, "credit", "10.00"))).code()).as("a wallet twice").isEqualTo("validation-failed");
        assertThat(api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "10.00")))
                .code()).as("one leg").isEqualTo("validation-failed");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(leg(UUID.randomUUID().toString(), i == 0 ? "debit" : "credit", "1.00"));
        }
        assertThat(api.post("/api/transactions", ADMIN_KEY, body("USD", "", many.toArray(String[]::new))).code())
                .as("51 legs").isEqualTo("validation-failed");
        assertThat(api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "sideways", "1.00"),
                leg(sellerWallet, "credit", "1.00"))).code()).isEqualTo("validation-failed");
        Response badAmount = api.post("/api/transactions", buyer, body("USD", "",
                leg(buyerWallet, "debit", "1.005"), leg(sellerWallet, "credit", "1.005")));
        assertThat(badAmount.code()).isEqualTo("validation-failed");
        assertThat(badAmount.json().get("errors").get(0).get("field").asText()).isEqualTo("legs[0].amount");
        assertThat(api.post("/api/transactions", buyer, body("XXX", "", leg(buyerWallet, "debit", "1.00"),
                leg(sellerWallet, "credit", "1.00"))).code()).isEqualTo("validation-failed");
        assertThat(sale(buyer, "1.00", "1.00", ",\"metadata\":{\"bad key\":\"x\"}").code())
                .isEqualTo("validation-failed");
        assertThat(sale(buyer, "1.00", "1.00", ",\"metadata\":{\"k\":1}").code()).isEqualTo("validation-failed");
        assertThat(sale(buyer, "1.00", "1.00", ",\"metadata\":{\"k\":\"a\\u0000b\"}").code())
                .isEqualTo("validation-failed");
        StringBuilder tooMany = new StringBuilder(",\"metadata\":{");
        for (int i = 0; i < 21; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertThat(sale(buyer, "1.00", "1.00", tooMany + "}").code()).isEqualTo("validation-failed");
        assertThat(eventTypes(buyerWallet)).containsExactly("WalletOpened", "MoneyDeposited");
    }

    @Test
    void aRefusedLegRefusesTheWholeTransactionAndNamesItsWallet() {
        String euros = api.openWallet(seller, "EUR");
        Response mismatch = api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "2.00"),
                leg(sellerWallet, "credit", "1.00"), leg(euros, "credit", "1.00")));
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("currency-mismatch");
        assertThat(mismatch.text("walletId")).isEqualTo(euros);

        Response poor = sale(buyer, "95.00", "5.01", "");
        assertThat(poor.status()).isEqualTo(422);
        assertThat(poor.code()).isEqualTo("insufficient-funds");
        assertThat(poor.text("walletId")).isEqualTo(buyerWallet);

        String closed = api.openWallet(platform, "USD");
        api.post("/api/wallets/" + closed + "/close", platform, null);
        Response toClosed = api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "2.00"),
                leg(sellerWallet, "credit", "1.00"), leg(closed, "credit", "1.00")));
        assertThat(toClosed.status()).isEqualTo(409);
        assertThat(toClosed.code()).isEqualTo("wallet-not-active");
        assertThat(toClosed.text("walletId")).isEqualTo(closed);

        assertThat(sale(seller, "1.00", "1.00", "").status()).as("another's wallet debited").isEqualTo(404);
        assertThat(sale(api.keyWithRole(ADMIN_KEY, "auditor"), "1.00", "1.00", "").status()).isEqualTo(403);
        Response unknown = api.post("/api/transactions", buyer, body("USD", "", leg(buyerWallet, "debit", "1.00"),
                leg(UUID.randomUUID().toString(), "credit", "1.00")));
        assertThat(unknown.status()).isEqualTo(404);

        api.post("/api/wallets/" + buyerWallet + "/freeze", ADMIN_KEY, null);
        Response frozen = sale(ADMIN_KEY, "1.00", "1.00", "");
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.code()).isEqualTo("wallet-not-active");
        assertThat(frozen.text("walletId")).isEqualTo(buyerWallet);

        assertThat(eventTypes(buyerWallet)).containsExactly("WalletOpened", "MoneyDeposited", "WalletFrozen");
        assertThat(eventTypes(sellerWallet)).containsExactly("WalletOpened");
        assertThat(eventTypes(platformWallet)).containsExactly("WalletOpened");
        assertThat(eventTypes(euros)).containsExactly("WalletOpened");
    }

    @Test
    void aRefusalIsAnsweredAgainForItsKey() {
        String body = body("USD", "", leg(buyerWallet, "debit", "200.00"), leg(sellerWallet, "credit", "200.00"));
        String key = "poor-" + UUID.randomUUID();

        Response first = api.post("/api/transactions", buyer, key, body);
        api.deposit(ADMIN_KEY, buyerWallet, "100.00");
        Response again = api.post("/api/transactions", buyer, key, body);

        assertThat(first.code()).isEqualTo("insufficient-funds");
        assertThat(again.code()).isEqualTo("insufficient-funds");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventTypes(sellerWallet)).containsExactly("WalletOpened");
    }

    @Test
    void aReversalSwapsEveryLegOnceAndOnlyForAnAdmin() {
        JsonNode before = api.get("/api/stats", ADMIN_KEY).json().get("transactions");
        String id = sale(buyer, "30.00", "3.00", "").text("transactionId");

        assertThat(api.post("/api/transactions/" + id + "/reverse", buyer, null).status()).isEqualTo(403);
        assertThat(api.post("/api/transactions/" + id + "/reverse", api.clientKey(ADMIN_KEY, newUser("eve")), null)
                .status()).isEqualTo(404);
        Response reversed = api.post("/api/transactions/" + id + "/reverse", ADMIN_KEY, "{\"reason\":\"refund\"}");

        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        JsonNode reversal = reversed.json();
        assertThat(reversal.get("reversalOf").asText()).isEqualTo(id);
        assertThat(reversal.get("status").asText()).isEqualTo("POSTED");
        assertThat(reversal.get("reference").asText()).isEqualTo("refund");
        assertThat(reversal.get("legs").get(0).get("walletId").asText()).isEqualTo(buyerWallet);
        assertThat(reversal.get("legs").get(0).get("direction").asText()).isEqualTo("credit");
        assertThat(reversal.get("legs").get(1).get("direction").asText()).isEqualTo("debit");
        assertThat(api.get("/api/transactions/" + reversal.get("transactionId").asText(), buyer).json())
                .isEqualTo(reversal);
        Response twice = api.post("/api/transactions/" + id + "/reverse", ADMIN_KEY, null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("invalid-state-transition");
        assertThat(twice.text("currentState")).isEqualTo("REVERSED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get("/api/transactions/" + id, seller).text("status")).isEqualTo("REVERSED");
            assertThat(balance(buyerWallet)).isEqualTo("100.00");
            assertThat(balance(sellerWallet)).isEqualTo("0.00");
            assertThat(balance(platformWallet)).isEqualTo("0.00");
            // other tests may post transactions meanwhile: at least these two, one of them a reversal
            JsonNode after = api.get("/api/stats", ADMIN_KEY).json().get("transactions");
            assertThat(after.get("count").asLong()).isGreaterThanOrEqualTo(before.get("count").asLong() + 2);
            assertThat(after.get("reversals").asLong()).isGreaterThanOrEqualTo(before.get("reversals").asLong() + 1);
        });
    }

    @Test
    void aReversalAWalletCannotPayBackMovesNothing() {
        String id = sale(buyer, "30.00", "3.00", "").text("transactionId");
        api.post("/api/wallets/" + sellerWallet + "/withdrawals", seller, "{\"amount\":\"10.00\"}");

        Response refused = api.post("/api/transactions/" + id + "/reverse", ADMIN_KEY, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("insufficient-funds");
        assertThat(refused.text("walletId")).isEqualTo(sellerWallet);
        assertThat(eventTypes(buyerWallet)).containsExactly("WalletOpened", "MoneyDeposited", "TransactionDebited");
        assertThat(api.get("/api/transactions/" + id, ADMIN_KEY).text("status")).isEqualTo("POSTED");
        Response unknown = api.post("/api/transactions/" + UUID.randomUUID() + "/reverse", ADMIN_KEY, null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void listsAreNewestFirstAndFilterByWalletOwnerAndMetadata() {
        String first = sale(buyer, "1.00", "1.00", ",\"metadata\":{\"shop\":\"s1\",\"channel\":\"web\"}")
                .text("transactionId");
        String second = sale(buyer, "2.00", "1.00", ",\"metadata\":{\"shop\":\"s1\",\"channel\":\"app\"}")
                .text("transactionId");
        String other = api.openWallet(seller, "USD");
        String third = api.post("/api/transactions", seller, body("USD", ",\"metadata\":{\"shop\":\"s1\"}",
                leg(sellerWallet, "debit", "1.00"), leg(other, "credit", "1.00"))).text("transactionId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids("/api/transactions?walletId=" + buyerWallet, buyer)).containsExactly(second, first);
            assertThat(ids("/api/transactions", seller)).containsExactly(third, second, first);
            assertThat(ids("/api/transactions", buyer)).containsExactly(second, first);
            assertThat(ids("/api/transactions?walletId=" + other, ADMIN_KEY)).containsExactly(third);
            assertThat(ids("/api/transactions?walletId=" + buyerWallet + "&metadata%5Bshop%5D=s1&metadata%5Bchannel%5D=web",
                    ADMIN_KEY)).containsExactly(first);
            assertThat(ids("/api/transactions?metadata%5Bchannel%5D=app&walletId=" + buyerWallet, ADMIN_KEY))
                    .containsExactly(second);
        });
        Response page = api.get("/api/transactions?walletId=" + buyerWallet + "&limit=1", buyer);
        assertThat(ids(page.json())).containsExactly(second);
        String cursor = page.json().get("nextCursor").asText();
        assertThat(ids("/api/transactions?walletId=" + buyerWallet + "&limit=1&cursor=" + cursor, buyer))
                .containsExactly(first);
        assertThat(api.get("/api/transactions?metadata%5Bbad%20key%5D=x", ADMIN_KEY).code())
                .isEqualTo("validation-failed");
        assertThat(api.get("/api/transactions?limit=0", ADMIN_KEY).code()).isEqualTo("validation-failed");
        assertThat(api.get("/api/transactions?walletId=nope", ADMIN_KEY).code()).isEqualTo("validation-failed");
    }

    private List<String> ids(String path, String key) {
        Response page = api.get(path, key);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return ids(page.json());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("transactionId").asText()));
        return ids;
    }
}
