package dev.ledger.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** API.md §7: {@code GET /api/admin/projections}, one item per event processor, for admins and auditors. */
class ProjectionStatusIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyProcessorIsListedWithItsPositionInTheEventStream() {
        String owner = api.clientKey(ADMIN_KEY, newUser("projections"));
        api.deposit(ADMIN_KEY, api.openWallet(owner, "USD"), "1.00");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response page = api.get("/api/admin/projections", ADMIN_KEY);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().has("nextCursor")).isTrue();
            assertThat(page.json().get("nextCursor").isNull()).isTrue();
            List<String> names = new ArrayList<>();
            for (JsonNode item : page.json().get("items")) {
                names.add(item.get("name").asText());
                assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("RUNNING");
                assertThat(item.get("replaying").isBoolean()).as(item.toString()).isTrue();
                assertThat(item.get("replaying").asBoolean()).as(item.toString()).isFalse();
                long head = item.get("head").asLong();
                // the deposit above is in the store, and every processor has handled it
                assertThat(head).as(item.toString()).isPositive();
                assertThat(item.get("position").asLong()).as(item.toString()).isEqualTo(head);
                assertThat(item.get("lag").asLong()).as(item.toString()).isZero();
                assertThat(item.get("progress").isNumber()).as(item.toString()).isTrue();
                assertThat(item.get("progress").asDouble()).as(item.toString()).isEqualTo(1.0);
            }
            assertThat(names).containsExactly("escrows", "holds", "transactions", "transfer-process", "transfers",
                    "wallet-entries", "wallets", "webhooks");
        });
    }

    @Test
    void aStoppedProcessorIsListedAsStoppedAndBehind() {
        StreamingEventProcessor escrows = processing.eventProcessor("escrows", StreamingEventProcessor.class)
                .orElseThrow();
        escrows.shutDown();
        JsonNode stopped;
        try {
            api.openWallet(api.clientKey(ADMIN_KEY, newUser("projections")), "EUR");
            stopped = item(api.get("/api/admin/projections", ADMIN_KEY), "escrows");
        } finally {
            escrows.start();
        }

        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
        long head = stopped.get("head").asLong();
        long position = stopped.get("position").asLong();
        assertThat(head).isPositive();
        assertThat(position).as("where its segments stand in the token store").isLessThan(head);
        assertThat(stopped.get("lag").asLong()).isEqualTo(head - position).isPositive();
        assertThat(stopped.get("progress").asDouble()).isBetween(0.0, 1.0).isLessThan(1.0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(item(api.get("/api/admin/projections", ADMIN_KEY), "escrows").get("status").asText())
                        .isEqualTo("RUNNING"));
    }

    @Test
    void aSegmentNoInstanceWorksOnCountsInTheLag() {
        String owner = api.clientKey(ADMIN_KEY, newUser("stalled"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(item(api.get("/api/admin/projections", ADMIN_KEY), "wallets").get("lag").asLong())
                        .isZero());
        // another instance holds segment 0 of the wallets projection, and does nothing with it
        String held = "held-by-an-instance-that-went-quiet";
        jdbc.update("update token_entry set owner = ?, timestamp = ? where processor_name = 'wallets' and segment = 0",
                held, DateTimeUtils.formatInstant(Instant.now().plus(Duration.ofHours(1))));
        try {
            api.openWalletInSegment(owner, 0, 4);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode wallets = item(api.get("/api/admin/projections", ADMIN_KEY), "wallets");
                assertThat(wallets.get("lag").asLong()).as(wallets.toString()).isPositive();
                assertThat(wallets.get("position").asLong() + wallets.get("lag").asLong())
                        .isEqualTo(wallets.get("head").asLong());
            });
        } finally {
            jdbc.update("update token_entry set owner = null where processor_name = 'wallets' and owner = ?", held);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(item(api.get("/api/admin/projections", ADMIN_KEY), "wallets").get("lag").asLong())
                        .isZero());
    }

    /** The item of processor {@code name} in a {@code GET /api/admin/projections} page. */
    static JsonNode item(Response page, String name) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        for (JsonNode item : page.json().get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name + " in " + page.body());
    }
}
