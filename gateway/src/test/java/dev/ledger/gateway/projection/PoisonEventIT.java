package dev.ledger.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.PrometheusScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 10, defect 1 (API.md §7, §8): an event a projection cannot apply is parked as a dead letter with the later
 * events of its aggregate, the rest of its segment moves on, the projection shows DEGRADED with its dead letters (and
 * the metric and the management health say so), the instance keeps serving, and an admin retries the letters once the
 * cause is gone. The poison: a trigger on the journal's table that refuses one marked reference, which the API itself
 * accepts.
 */
@AutoConfigureObservability(tracing = false) // tests leave metrics export off unless asked: this one scrapes
class PoisonEventIT extends IntegrationTest {

    private static final String PROJECTION = "wallet-entries";
    private static final String DEAD_LETTERS = "/api/admin/projections/" + PROJECTION + "/dead-letters";

    @Autowired
    private JdbcTemplate jdbc;

    private final String poison = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    private final String trigger = poison.replace('-', '_');

    @BeforeEach
    void journalRefusesThePoisonedReference() {
        jdbc.execute("""
                create function %s() returns trigger language plpgsql as $$
                begin
                    if new.reference = '%s' then
                        raise exception 'the journal refuses reference %%', new.reference;
                    end if;
                    return new;
                end $$""".formatted(trigger, poison));
        jdbc.execute("create trigger %1$s before insert on wallet_entry for each row execute function %1$s()"
                .formatted(trigger));
    }

    @AfterEach
    void leaveNothingParked() {
        cureTheJournal();
        api.post(DEAD_LETTERS + "/retry", ADMIN_KEY, null);
    }

    private void cureTheJournal() {
        jdbc.execute("drop trigger if exists %s on wallet_entry".formatted(trigger));
        jdbc.execute("drop function if exists %s()".formatted(trigger));
    }

    @Test
    void aPoisonEventIsParkedWhileTheRestOfItsSegmentMovesOnAndAppliesOnceWhenRetried() {
        String owner = api.clientKey(ADMIN_KEY, newUser("poisoned"));
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        String poisoned = api.openWalletInSegment(owner, 0, 4);
        String neighbour = api.openWalletInSegment(owner, 0, 4);
        Instant before = Instant.now().minusSeconds(1);

        // when the poisoned wallet's deposit cannot enter the journal, and its next deposit queues behind it
        deposit(poisoned, "1.00", poison);
        deposit(poisoned, "2.00", "after the poison");
        deposit(neighbour, "3.00", "same segment");

        // then the rest of the segment moves on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(entries(neighbour, owner)).extracting(entry -> entry.get("amount").asText())
                        .containsExactly("3.00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), PROJECTION);
            assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("DEGRADED");
            assertThat(item.get("deadLetters").asLong()).as(item.toString()).isEqualTo(2);
            assertThat(item.get("lag").asLong()).as("parked events are handled: nothing is stuck").isZero();
        });
        assertThat(entries(poisoned, owner)).as("nothing half-applied").isEmpty();
        assertThat(api.get("/api/wallets/" + poisoned, owner).text("balance"))
                .as("the other read models are whole").isEqualTo("3.00");

        // and it shows: in the metric, in the management port's health, but the instance still serves
        assertThat(scrape().value("ledger_projections_dead_letters", "processor", PROJECTION)).isEqualTo(2);
        assertThat(scrape().value("ledger_projections_dead_letters", "processor", "wallets")).isZero();
        Response health = management.get("/actuator/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().at("/components/eventProcessors/details/" + PROJECTION + "/deadLetters").asLong())
                .isEqualTo(2);
        Response serving = api.get("/actuator/health", null);
        assertThat(serving.status()).isEqualTo(200);
        assertThat(serving.body()).isEqualTo("{\"status\":\"UP\"}");

        // the letters, in order, one page at a time
        Response first = api.get(DEAD_LETTERS + "?limit=1", auditor);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(1);
        Response second = api.get(DEAD_LETTERS + "?limit=1&cursor=" + first.text("nextCursor"), auditor);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        JsonNode parked = first.json().get("items").get(0);
        JsonNode queued = second.json().get("items").get(0);
        assertThat(parked.get("sequenceId").asText()).isEqualTo(poisoned);
        assertThat(parked.get("aggregateId").asText()).isEqualTo(poisoned);
        assertThat(parked.get("type").asText()).isEqualTo("MoneyDeposited");
        assertThat(parked.get("sequence").asLong()).isEqualTo(1);
        assertThat(parked.get("position").asLong()).isPositive();
        assertThat(parked.get("causeType").asText()).startsWith("org.springframework.");
        assertThat(parked.get("causeMessage").asText()).contains("the journal refuses reference " + poison)
                .doesNotContain("insert into");
        assertThat(Instant.parse(parked.get("enqueuedAt").asText())).isAfter(before);
        assertThat(parked.get("retries").asLong()).isZero();
        assertThat(queued.get("sequenceId").asText()).isEqualTo(poisoned);
        assertThat(queued.get("index").asLong()).as("behind the first").isGreaterThan(parked.get("index").asLong());
        assertThat(queued.get("sequence").asLong()).isEqualTo(2);
        assertThat(queued.get("position").asLong()).isGreaterThan(parked.get("position").asLong());

        // a retry while the cause is still there changes nothing but the count of retries
        Response failedRetry = api.post(DEAD_LETTERS + "/retry", ADMIN_KEY, null);
        assertThat(failedRetry.status()).as(failedRetry.body()).isEqualTo(200);
        assertThat(failedRetry.json().get("processed").asLong()).isZero();
        assertThat(failedRetry.json().get("stillParked").asLong()).isEqualTo(2);
        assertThat(failedRetry.text("status")).isEqualTo("DEGRADED");
        JsonNode retried = api.get(DEAD_LETTERS, auditor).json().get("items").get(0);
        assertThat(retried.get("retries").asLong()).isEqualTo(1);
        assertThat(Instant.parse(retried.get("lastTouchedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(retried.get("enqueuedAt").asText()));
        assertThat(entries(poisoned, owner)).isEmpty();

        // when the cause is gone, a retry applies both, in order, once
        cureTheJournal();
        Response retry = api.post(DEAD_LETTERS + "/retry", ADMIN_KEY, null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("processed").asLong()).isEqualTo(2);
        assertThat(retry.json().get("stillParked").asLong()).isZero();
        assertThat(retry.text("status")).isEqualTo("RUNNING");

        List<JsonNode> journal = entries(poisoned, owner);
        assertThat(journal).extracting(entry -> entry.get("amount").asText()).containsExactly("2.00", "1.00");
        assertThat(journal).extracting(entry -> entry.get("balanceAfter").asText()).containsExactly("3.00", "1.00");
        assertThat(journal.get(1).get("reference").asText()).isEqualTo(poison);
        assertThat(api.get(DEAD_LETTERS, auditor).json().get("items")).isEmpty();
        JsonNode item = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), PROJECTION);
        assertThat(item.get("status").asText()).isEqualTo("RUNNING");
        assertThat(item.get("deadLetters").asLong()).isZero();
        assertThat(scrape().value("ledger_projections_dead_letters", "processor", PROJECTION)).isZero();
        assertThat(api.post(DEAD_LETTERS + "/retry", ADMIN_KEY, null).json().get("processed").asLong())
                .as("nothing left to apply again").isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response verified = api.post("/api/audit/verify", ADMIN_KEY, null);
            assertThat(verified.json().get("ok").asBoolean()).as(verified.body()).isTrue();
        });
    }

    @Test
    void auditorsSeeDeadLettersOnlyAdminsRetryThemAndUnknownProjectionsAreNotFound() {
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        String client = api.clientKey(ADMIN_KEY, newUser("curious"));

        assertThat(api.get(DEAD_LETTERS, auditor).status()).isEqualTo(200);
        assertThat(api.get(DEAD_LETTERS, ADMIN_KEY).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/projections/transfer-process/dead-letters", ADMIN_KEY).json().get("items"))
                .as("a processor without a queue has none").isEmpty();
        assertForbidden(api.get(DEAD_LETTERS, client));
        assertForbidden(api.post(DEAD_LETTERS + "/retry", auditor, null));
        assertForbidden(api.post(DEAD_LETTERS + "/retry", client, null));
        assertThat(api.get(DEAD_LETTERS, null).status()).isEqualTo(401);
        Response unknown = api.get("/api/admin/projections/nothing/dead-letters", ADMIN_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not-found");
        assertThat(api.post("/api/admin/projections/nothing/dead-letters/retry", ADMIN_KEY, null).status())
                .isEqualTo(404);
        Response badLimit = api.get(DEAD_LETTERS + "?limit=0", auditor);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(api.get(DEAD_LETTERS + "?cursor=not-ours", auditor).status()).isEqualTo(400);
    }

    private void deposit(String wallet, String amount, String reference) {
        Response deposited = api.post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY,
                "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
        assertThat(deposited.status()).as(deposited.body()).isEqualTo(201);
    }

    private List<JsonNode> entries(String wallet, String owner) {
        Response page = api.get("/api/wallets/" + wallet + "/entries", owner);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        page.json().get("items").forEach(entries::add);
        return entries;
    }

    private PrometheusScrape scrape() {
        Response scraped = management.get("/actuator/prometheus", null);
        assertThat(scraped.status()).as(scraped.body()).isEqualTo(200);
        return PrometheusScrape.parse(scraped.body());
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
