package dev.ledger.gateway.projection;

import static dev.ledger.gateway.support.IntegrationTest.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.LedgerInstance;
import dev.ledger.gateway.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 10, defects 1 and 6, on a database of its own: an event no read model can ever hold (PostgreSQL text cannot
 * hold U+0000; it reached the store around the API, as events written before the API refused it did) is parked and
 * stays parked, and a segment that no instance moves is counted in the lag and turns the management health DEGRADED
 * while the API port stays UP.
 */
class ProjectionFaultsIT {

    private static LedgerInstance ledger;
    private static Api api;
    private static Api management;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        TestDatabase.Connection db = TestDatabase.fresh("faults");
        // stalled after 10 s: longer than an idle segment may trail the head (its position moves past events that are
        // not its own when its claim is extended, every 5 s), shorter than the 30 s default
        ledger = LedgerInstance.start(Map.of("spring.datasource.url", db.url(),
                "spring.datasource.username", db.username(), "spring.datasource.password", db.password(),
                "ledger.admin-api-key", ADMIN_KEY, "ledger.projections.stalled-after", "PT10S"));
        api = ledger.api();
        management = ledger.management();
        jdbc = ledger.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void anEventTheJournalCannotHoldIsParkedAndTheRestOfItsSegmentMovesOn() {
        String owner = api.clientKey(ADMIN_KEY, "nul-" + UUID.randomUUID().toString().substring(0, 8));
        String poisoned = api.openWalletInSegment(owner, 1, 4);
        String neighbour = api.openWalletInSegment(owner, 1, 4);
        awaitCaughtUp("wallet-entries");

        // an event with a NUL in its reference, written straight into the event store
        appendDeposit(poisoned, 1, "x\\u0000y", 100);
        api.deposit(ADMIN_KEY, poisoned, "2.00");
        api.deposit(ADMIN_KEY, neighbour, "3.00");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), "wallet-entries");
            assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("DEGRADED");
            assertThat(item.get("deadLetters").asLong()).as(item.toString()).isEqualTo(2);
            assertThat(api.get("/api/wallets/" + neighbour + "/entries", owner).json().get("items"))
                    .as("the rest of the segment moved on").hasSize(1);
        });
        assertThat(api.get("/api/wallets/" + poisoned + "/entries", owner).json().get("items")).isEmpty();
        assertThat(api.get("/api/wallets/" + poisoned, owner).text("balance"))
                .as("the wallets read model holds it: no text of it is stored there").isEqualTo("3.00");
        JsonNode parked = api.get("/api/admin/projections/wallet-entries/dead-letters", ADMIN_KEY).json()
                .get("items").get(0);
        assertThat(parked.get("sequenceId").asText()).isEqualTo(poisoned);
        assertThat(parked.get("sequence").asLong()).isEqualTo(1);
        assertThat(parked.get("causeMessage").asText()).contains("0x00");

        Response health = management.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/eventProcessors/details/wallet-entries/status").asText())
                .isEqualTo("DEGRADED");
        assertThat(api.get("/actuator/health", null).body()).isEqualTo("{\"status\":\"UP\"}");

        // a retry cannot help this one: it and the deposit behind it stay parked, nothing is half-applied
        Response retry = api.post("/api/admin/projections/wallet-entries/dead-letters/retry", ADMIN_KEY, null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("processed").asLong()).isZero();
        assertThat(retry.json().get("stillParked").asLong()).isEqualTo(2);
        assertThat(api.get("/api/wallets/" + poisoned + "/entries", owner).json().get("items")).isEmpty();
    }

    @Test
    void aSegmentNoInstanceMovesCountsInTheLagAndDegradesHealthButNotServing() {
        String owner = api.clientKey(ADMIN_KEY, "stalled-" + UUID.randomUUID().toString().substring(0, 8));
        awaitCaughtUp("holds");
        // an instance that went quiet holds segment 2 of the holds projection
        String quiet = "an-instance-that-went-quiet";
        jdbc.update("update token_entry set owner = ?, timestamp = ? where processor_name = 'holds' and segment = 2",
                quiet, DateTimeUtils.formatInstant(Instant.now().plus(Duration.ofHours(1))));
        try {
            String wallet = api.openWalletInSegment(owner, 2, 4);
            api.deposit(ADMIN_KEY, wallet, "5.00");
            Response hold = api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"1.00\"}");
            assertThat(hold.status()).as(hold.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode holds = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), "holds");
                assertThat(holds.get("lag").asLong()).as(holds.toString()).isPositive();
                assertThat(holds.get("stalledSegments").asInt()).as(holds.toString()).isEqualTo(1);
                assertThat(holds.get("status").asText()).as(holds.toString()).isEqualTo("DEGRADED");
                Response health = management.get("/actuator/health", null);
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("DEGRADED");
                assertThat(health.json().at("/components/eventProcessors/details/holds/stalledSegments").asInt())
                        .isEqualTo(1);
            });
            assertThat(api.get("/actuator/health", null).json().get("status").asText()).isEqualTo("UP");
        } finally {
            jdbc.update("update token_entry set owner = null where processor_name = 'holds' and owner = ?", quiet);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode holds = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), "holds");
            assertThat(holds.get("lag").asLong()).as(holds.toString()).isZero();
            assertThat(holds.get("status").asText()).as(holds.toString()).isEqualTo("RUNNING");
        });
    }

    private static void awaitCaughtUp(String projection) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProjectionStatusIT.item(
                api.get("/api/admin/projections", ADMIN_KEY), projection).get("lag").asLong()).isZero());
    }

    /** A {@code MoneyDeposited} as the store holds one, {@code reference} given as a JSON string's inside. */
    private static void appendDeposit(String wallet, long sequence, String reference, long minorUnits) {
        String payload = """
                {"walletId":"%s","entryId":"%s","amount":{"minorUnits":%d,"currency":"USD"},"reference":"%s",\
                "occurredAt":"%s"}""".formatted(wallet, UUID.randomUUID(), minorUnits, reference, Instant.now());
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                values (nextval('domain_event_entry_seq'), ?, ?, 'Wallet', ?, ?, ?, '1',
                    'dev.ledger.events.wallet.MoneyDeposited', ?)""",
                wallet, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), DateTimeUtils.formatInstant(Instant.now()));
    }
}
