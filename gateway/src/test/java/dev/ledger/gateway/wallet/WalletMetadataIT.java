package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wallet metadata through HTTP on PostgreSQL (API.md §1): given on opening, shown on every view, filtered by lists. */
class WalletMetadataIT extends IntegrationTest {

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

    private List<String> ids(String path, String key) {
        Response page = api.get(path, key);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("items")) {
            ids.add(item.get("walletId").asText());
        }
        return ids;
    }
}
