package dev.ledger.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metadata through HTTP on PostgreSQL (API.md §1) on wallets, holds and escrows (transfers and transactions have
 * theirs in their own tests): given on creation, shown on every view ({@code {}} when none), filtered by the lists.
 */
class MetadataIT extends IntegrationTest {

    private Response open(String key, String metadata) {
        return api.post("/api/wallets", key, "{\"currency\":\"USD\"" + metadata + "}");
    }

    @Test
    void metadataIsShownOnEveryViewAndFiltersTheList() {
        String owner = newUser("meta");
        String client = api.clientKey(ADMIN_KEY, owner);
        Response opened = open(client, ",\"metadata\":{\"costCenter\":\"cc-7\",\"team\":\"ops\"}");
        String other = open(client, ",\"metadata\":{\"costCenter\":\"cc-7\",\"team\":\"sales\"}").text("walletId");
        String plain = open(client, "").text("walletId");

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String wallet = opened.text("walletId");
        assertThat(opened.json().get("metadata").get("team").asText()).isEqualTo("ops");
        assertThat(api.get("/api/wallets/" + wallet, client).json().get("metadata"))
                .isEqualTo(opened.json().get("metadata"));
        assertThat(api.get("/api/wallets/" + plain, client).json().get("metadata")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids("/api/wallets?metadata%5BcostCenter%5D=cc-7", client)).containsExactly(wallet, other);
            assertThat(ids("/api/wallets?metadata%5BcostCenter%5D=cc-7&metadata%5Bteam%5D=ops", client))
                    .containsExactly(wallet);
            assertThat(ids("/api/wallets?ownerId=" + owner + "&metadata%5Bteam%5D=sales", ADMIN_KEY))
                    .containsExactly(other);
            assertThat(ids("/api/wallets?metadata%5Bteam%5D=ops", api.clientKey(ADMIN_KEY, newUser("eve"))))
                    .isEmpty();
        });
    }

    @Test
    void malformedMetadataIs400AndOpensNothing() {
        String client = api.clientKey(ADMIN_KEY, newUser("meta"));

        assertThat(open(client, ",\"metadata\":{\"\":\"x\"}").code()).isEqualTo("validation-failed");
        assertThat(open(client, ",\"metadata\":{\"k\":\"" + "v".repeat(256) + "\"}").code())
                .isEqualTo("validation-failed");
        assertThat(open(client, ",\"metadata\":[\"k\"]").code()).isEqualTo("validation-failed");
        assertThat(open(client, ",\"metadata\":{\"" + "k".repeat(41) + "\":\"v\"}").code())
                .isEqualTo("validation-failed");
        assertThat(api.get("/api/wallets?metadata%5Bk%5D=" + "v".repeat(256), client).code())
                .isEqualTo("validation-failed");
        assertThat(ids("/api/wallets", client)).isEmpty();
    }

    @Test
    void holdsCarryMetadataAndTheirListFiltersOnIt() {
        String client = api.clientKey(ADMIN_KEY, newUser("meta"));
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "50.00");
        Response tagged = api.post("/api/wallets/" + wallet + "/holds", client,
                "{\"amount\":\"5.00\",\"metadata\":{\"cart\":\"c-1\"}}");
        Response plain = api.post("/api/wallets/" + wallet + "/holds", client, "{\"amount\":\"1.00\"}");

        assertThat(tagged.status()).as(tagged.body()).isEqualTo(201);
        assertThat(tagged.json().get("metadata").get("cart").asText()).isEqualTo("c-1");
        assertThat(plain.json().get("metadata")).isEmpty();
        Response captured = api.post("/api/wallets/" + wallet + "/holds/" + tagged.text("holdId") + "/capture",
                client, null);
        assertThat(captured.json().get("metadata")).as("every view of the hold").isEqualTo(tagged.json().get("metadata"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ids("/api/wallets/" + wallet + "/holds?metadata%5Bcart%5D=c-1", client, "holdId"))
                        .containsExactly(tagged.text("holdId")));
    }

    @Test
    void escrowsCarryMetadataAndTheirListFiltersOnIt() {
        String buyer = api.clientKey(ADMIN_KEY, newUser("buyer"));
        String seller = api.clientKey(ADMIN_KEY, newUser("seller"));
        String buyerWallet = api.openWallet(buyer, "USD");
        String sellerWallet = api.openWallet(seller, "USD");
        Response created = api.post("/api/escrows", buyer, "{\"buyerWalletId\":\"" + buyerWallet
                + "\",\"sellerWalletId\":\"" + sellerWallet
                + "\",\"amount\":\"5.00\",\"currency\":\"USD\",\"metadata\":{\"listing\":\"l-9\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String escrow = created.text("escrowId");
        assertThat(created.json().get("metadata").get("listing").asText()).isEqualTo("l-9");
        assertThat(api.get("/api/escrows/" + escrow, seller).json().get("metadata").get("listing").asText())
                .isEqualTo("l-9");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids("/api/escrows?metadata%5Blisting%5D=l-9", seller, "escrowId")).containsExactly(escrow);
            assertThat(ids("/api/escrows?metadata%5Blisting%5D=l-10", seller, "escrowId")).isEmpty();
        });
    }

    private List<String> ids(String path, String key) {
        return ids(path, key, "walletId");
    }

    private List<String> ids(String path, String key, String idField) {
        Response page = api.get(path, key);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("items")) {
            ids.add(item.get(idField).asText());
        }
        return ids;
    }
}
