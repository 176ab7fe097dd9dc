package dev.ledger.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Raw event histories through HTTP on PostgreSQL: one wallet's or escrow's events, in order, with the metadata of
 * the requests that caused them; the global feed in commit order, resumable from any position.
 */
class AuditHistoryIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private String ownerId;
    private String owner;
    private String stranger;
    private String auditor;

    @BeforeEach
    void keys() {
        ownerId = newUser("owner");
        owner = api.clientKey(ADMIN_KEY, ownerId);
        stranger = api.clientKey(ADMIN_KEY, newUser("stranger"));
        auditor = api.keyWithRole(ADMIN_KEY, "auditor");
    }

    /** A POST with the given idempotency key and correlation id. */
    private Response post(String path, String key, String idempotencyKey, String correlationId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Response response = api.send(request, key, Map.of("Idempotency-Key", idempotencyKey,
                "X-Correlation-Id", correlationId));
        assertThat(response.status()).as(path + " " + response.body()).isIn(200, 201);
        return response;
    }

    private record Sent(String type, String principalPrefix, String idempotencyKey, String correlationId) {
    }

    @Test
    void aWalletsHistoryIsItsEventsInOrderWithTheMetadataOfTheRequestsThatCausedThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Sent> sent = new ArrayList<>();
        String wallet = post("/api/wallets", owner, "open-" + run, "corr-open-" + run, "{\"currency\":\"EUR\"}")
                .text("walletId");
        sent.add(new Sent("WalletOpened", "client:" + ownerId, "open-" + run, "corr-open-" + run));
        post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, "deposit-" + run, "corr-deposit-" + run,
                "{\"amount\":\"100.00\",\"reference\":\"top-up\"}");
        sent.add(new Sent("MoneyDeposited", "admin:", "deposit-" + run, "corr-deposit-" + run));
        post("/api/wallets/" + wallet + "/withdrawals", owner, "withdraw-" + run, "corr-withdraw-" + run,
                "{\"amount\":\"12.50\"}");
        sent.add(new Sent("MoneyWithdrawn", "client:" + ownerId, "withdraw-" + run, "corr-withdraw-" + run));
        String hold = post("/api/wallets/" + wallet + "/holds", owner, "hold-" + run, "corr-hold-" + run,
                "{\"amount\":\"20.00\"}").text("holdId");
        sent.add(new Sent("HoldPlaced", "client:" + ownerId, "hold-" + run, "corr-hold-" + run));
        post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner, "capture-" + run, "corr-capture-" + run,
                "{\"amount\":\"5.00\"}");
        sent.add(new Sent("HoldCaptured", "client:" + ownerId, "capture-" + run, "corr-capture-" + run));
        post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, "freeze-" + run, "corr-freeze-" + run, "{}");
        sent.add(new Sent("WalletFrozen", "admin:", "freeze-" + run, "corr-freeze-" + run));
        Response unfrozen = post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, "unfreeze-" + run,
                "corr-unfreeze-" + run, "{}");
        sent.add(new Sent("WalletUnfrozen", "admin:", "unfreeze-" + run, "corr-unfreeze-" + run));
        assertThat(unfrozen.json().get("version").asLong()).isEqualTo(sent.size());
        // the history is read from the event store; who may read it is decided by the wallet read model
        assertThat(api.get("/api/wallets/" + wallet + "?minVersion=" + sent.size(), owner).status()).isEqualTo(200);

        Response history = api.get("/api/wallets/" + wallet + "/events", owner);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().get("nextCursor").isNull()).isTrue();
        JsonNode items = history.json().get("items");
        assertThat(items).hasSize(sent.size());
        Instant previous = Instant.MIN;
        for (int i = 0; i < sent.size(); i++) {
            JsonNode event = items.get(i);
            Sent cause = sent.get(i);
            assertThat(event.get("sequence").asLong()).as("gapless from 0").isEqualTo(i);
            assertThat(event.get("type").asText()).isEqualTo(cause.type());
            assertThat(event.get("revision").asText()).isEqualTo("1");
            assertThat(event.get("payload").isObject()).isTrue();
            assertThat(event.get("payload").get("walletId").asText()).isEqualTo(wallet);
            JsonNode metadata = event.get("metadata");
            assertThat(metadata.get("principal").asText()).startsWith(cause.principalPrefix());
            assertThat(metadata.get("idempotencyKey").asText()).isEqualTo(cause.idempotencyKey());
            assertThat(metadata.get("correlationId").asText()).isEqualTo(cause.correlationId());
            assertThat(metadata.get("causationId").asText()).isNotBlank();
            Instant occurredAt = Instant.parse(event.get("occurredAt").asText());
            assertThat(occurredAt).isAfterOrEqualTo(previous);
            previous = occurredAt;
        }
        JsonNode deposited = items.get(1).get("payload");
        assertThat(deposited.get("amount").get("minorUnits").asLong()).isEqualTo(10_000);
        assertThat(deposited.get("amount").get("currency").asText()).isEqualTo("EUR");
        assertThat(deposited.get("reference").asText()).isEqualTo("top-up");
        JsonNode captured = items.get(4).get("payload");
        assertThat(captured.get("holdId").asText()).isEqualTo(hold);
        assertThat(captured.get("captured").get("minorUnits").asLong()).isEqualTo(500);
        assertThat(captured.get("released").get("minorUnits").asLong()).isEqualTo(1_500);
        assertThat(items.findValuesAsText("causationId")).doesNotHaveDuplicates();

        // admins and auditors read every history; a client only its own wallets'
        assertThat(api.get("/api/wallets/" + wallet + "/events", auditor).json()).isEqualTo(history.json());
        assertThat(api.get("/api/wallets/" + wallet + "/events", ADMIN_KEY).json()).isEqualTo(history.json());
        Response hidden = api.get("/api/wallets/" + wallet + "/events", stranger);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("not-found");
        assertThat(api.get("/api/wallets/" + UUID.randomUUID() + "/events", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/not-an-id/events", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + wallet + "/events", null).status()).isEqualTo(401);

        // pages: by cursor and by afterSequence, the same events
        List<JsonNode> byCursor = new ArrayList<>();
        String path = "/api/wallets/" + wallet + "/events?limit=3";
        String cursor = null;
        do {
            JsonNode page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor), owner).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            page.get("items").forEach(byCursor::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(byCursor).containsExactlyElementsOf(items);
        JsonNode afterThree = api.get("/api/wallets/" + wallet + "/events?afterSequence=3&limit=2", owner).json();
        assertThat(afterThree.get("items")).containsExactly(items.get(4), items.get(5));
        assertThat(afterThree.get("nextCursor").isNull()).isFalse();
        assertThat(api.get("/api/wallets/" + wallet + "/events?afterSequence=6", owner).json().get("items")).isEmpty();

        for (String bad : List.of("limit=0", "limit=501", "afterSequence=-1", "afterSequence=x", "cursor=%25%25",
                "afterSequence=1&cursor=" + afterThree.get("nextCursor").asText())) {
            Response invalid = api.get("/api/wallets/" + wallet + "/events?" + bad, owner);
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.code()).isEqualTo("validation-failed");
        }
    }

    @Test
    void anEscrowsHistoryIsReadByItsBuyerSellerAdminsAndAuditors() {
        String sellerId = newUser("seller");
        String seller = api.clientKey(ADMIN_KEY, sellerId);
        String buyerWallet = api.openWallet(owner, "USD");
        String sellerWallet = api.openWallet(seller, "USD");
        api.deposit(ADMIN_KEY, buyerWallet, "50.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + buyerWallet, owner).status() == 200
                && api.get("/api/wallets/" + sellerWallet, seller).status() == 200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String escrow = post("/api/escrows", owner, "escrow-" + run, "corr-escrow-" + run,
                "{\"buyerWalletId\":\"" + buyerWallet + "\",\"sellerWalletId\":\"" + sellerWallet
                        + "\",\"amount\":\"20.00\",\"currency\":\"USD\"}").text("escrowId");
        post("/api/escrows/" + escrow + "/fund", owner, "fund-" + run, "corr-fund-" + run, "{}");
        post("/api/escrows/" + escrow + "/release", owner, "release-" + run, "corr-release-" + run, "{}");
        assertThat(api.get("/api/escrows/" + escrow + "?minVersion=3", owner).status()).isEqualTo(200);

        Response history = api.get("/api/escrows/" + escrow + "/events", seller);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        JsonNode items = history.json().get("items");
        assertThat(items.findValuesAsText("type")).containsExactly("EscrowCreated", "EscrowFunded", "EscrowReleased");
        assertThat(items.findValuesAsText("sequence")).containsExactly("0", "1", "2");
        assertThat(items.findValuesAsText("correlationId"))
                .containsExactly("corr-escrow-" + run, "corr-fund-" + run, "corr-release-" + run);
        assertThat(items.findValuesAsText("idempotencyKey"))
                .containsExactly("escrow-" + run, "fund-" + run, "release-" + run);
        assertThat(items.get(0).get("payload").get("escrowId").asText()).isEqualTo(escrow);
        assertThat(items.get(0).get("metadata").get("principal").asText()).isEqualTo("client:" + ownerId);

        for (String reader : List.of(owner, ADMIN_KEY, auditor)) {
            assertThat(api.get("/api/escrows/" + escrow + "/events", reader).json()).isEqualTo(history.json());
        }
        assertThat(api.get("/api/escrows/" + escrow + "/events", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + escrow + "/events", ADMIN_KEY).status())
                .as("an escrow is no wallet").isEqualTo(404);
        assertThat(api.get("/api/escrows/" + buyerWallet + "/events", ADMIN_KEY).status())
                .as("a wallet is no escrow").isEqualTo(404);

        // the buyer's hold moved in the escrow's transactions: same correlation as the request that caused it
        JsonNode buyerEvents = api.get("/api/wallets/" + buyerWallet + "/events", owner).json().get("items");
        assertThat(buyerEvents.findValuesAsText("type"))
                .containsExactly("WalletOpened", "MoneyDeposited", "HoldPlaced", "HoldCaptured");
        assertThat(buyerEvents.get(2).get("metadata").get("correlationId").asText()).isEqualTo("corr-fund-" + run);
        assertThat(buyerEvents.get(3).get("metadata").get("correlationId").asText()).isEqualTo("corr-release-" + run);
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    /** The feed from a position to its present end, page by page, following nextCursor. */
    private List<JsonNode> feedAfter(long after, int limit, String key) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = Long.toString(after);
        while (cursor != null) {
            Response page = api.get("/api/audit/events?after=" + cursor + "&limit=" + limit, key);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(events::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        }
        return events;
    }

    @Test
    void theFeedListsEveryEventInCommitOrderAndResumesAfterAnyPosition() {
        long before = head();
        String alice = api.openWallet(owner, "USD");
        String bobId = newUser("bob");
        String bob = api.clientKey(ADMIN_KEY, bobId);
        String bobs = api.openWallet(bob, "USD");
        api.deposit(ADMIN_KEY, alice, "40.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + alice, owner).status() == 200
                && api.get("/api/wallets/" + bobs, bob).status() == 200);
        Response transfer = api.post("/api/transfers", owner, "{\"fromWalletId\":\"" + alice + "\",\"toWalletId\":\""
                + bobs + "\",\"amount\":\"15.00\"}");
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(201);
        api.deposit(ADMIN_KEY, bobs, "1.00");
        assertThat(api.get("/api/wallets/" + bobs + "?minVersion=3", bob).status()).isEqualTo(200);
        assertThat(api.get("/api/wallets/" + alice + "?minVersion=3", owner).status()).isEqualTo(200);
        JsonNode aliceHistory = api.get("/api/wallets/" + alice + "/events", owner).json().get("items");
        JsonNode bobHistory = api.get("/api/wallets/" + bobs + "/events", bob).json().get("items");

        List<JsonNode> feed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            feed.clear();
            feed.addAll(feedAfter(before, 2, auditor));
            assertThat(ofAggregate(feed, alice)).hasSize(aliceHistory.size());
            assertThat(ofAggregate(feed, bobs)).hasSize(bobHistory.size());
        });
        for (int i = 1; i < feed.size(); i++) {
            assertThat(feed.get(i).get("position").asLong()).isGreaterThan(feed.get(i - 1).get("position").asLong());
        }
        assertThat(feed.get(0).get("position").asLong()).isGreaterThan(before);
        // each wallet's events appear in the feed as in its own history, with their place in the feed added
        assertSameEvents(ofAggregate(feed, alice), aliceHistory, alice);
        assertSameEvents(ofAggregate(feed, bobs), bobHistory, bobs);
        assertThat(ofAggregate(feed, alice).get(0).get("type").asText()).isEqualTo("WalletOpened");
        // commit order: the debit of the transfer comes before its credit
        assertThat(positionOf(feed, alice, "TransferSent")).isLessThan(positionOf(feed, bobs, "TransferReceived"));
        assertThat(positionOf(feed, bobs, "TransferReceived")).isLessThan(positionOf(feed, bobs, "MoneyDeposited"));

        // resuming after any position gives exactly what followed it
        long third = feed.get(2).get("position").asLong();
        Response resumed = api.get("/api/audit/events?after=" + third + "&limit=3", ADMIN_KEY);
        assertThat(resumed.status()).isEqualTo(200);
        JsonNode page = resumed.json();
        assertThat(page.get("items")).containsExactly(feed.get(3), feed.get(4), feed.get(5));
        assertThat(page.get("nextCursor").asText()).isEqualTo(feed.get(5).get("position").asText());
        assertThat(api.get("/api/audit/events?limit=1", auditor).json().get("items").get(0).get("position").asLong())
                .as("from the first event").isPositive();

        Response client = api.get("/api/audit/events", owner);
        assertThat(client.status()).isEqualTo(403);
        assertThat(client.code()).isEqualTo("forbidden");
        for (String bad : List.of("after=-1", "after=x", "after=1.5", "limit=0", "limit=501")) {
            Response invalid = api.get("/api/audit/events?" + bad, auditor);
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.code()).isEqualTo("validation-failed");
        }
    }

    @Test
    void followingNextCursorAsCursorReachesEveryEventExactlyOnce() {
        long before = head();
        String wallet = api.openWallet(owner, "USD");
        for (int i = 1; i <= 4; i++) {
            api.deposit(ADMIN_KEY, wallet, i + ".00");
        }
        assertThat(api.get("/api/wallets/" + wallet + "?minVersion=5", owner).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Long> committed = jdbc.queryForList(
                    "select global_index from domain_event_entry where global_index > ? order by global_index",
                    Long.class, before);
            List<Long> read = new ArrayList<>();
            Response page = api.get("/api/audit/events?after=" + before + "&limit=2", auditor);
            // bounded: a feed that ignored cursor would serve its first page forever
            for (int pages = 0; pages <= committed.size(); pages++) {
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                page.json().get("items").forEach(item -> read.add(item.get("position").asLong()));
                if (page.json().get("nextCursor").isNull()) {
                    break;
                }
                page = api.get("/api/audit/events?limit=2&cursor=" + page.json().get("nextCursor").asText(), auditor);
            }
            assertThat(page.json().get("nextCursor").isNull()).as("the walk reached the end").isTrue();
            assertThat(read).as("every event exactly once, in commit order").isEqualTo(committed);
        });
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, wallet)).isEqualTo(5);

        for (String bad : List.of("cursor=x", "cursor=-1", "cursor=", "after=1&cursor=1")) {
            Response invalid = api.get("/api/audit/events?" + bad, auditor);
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.code()).isEqualTo("validation-failed");
        }
    }

    @Test
    void aPositionThatMayStillBeCommittingHoldsBackTheEventsAfterIt() {
        // an index handed out but not (yet) visible is what a transaction still committing looks like from outside;
        // taking one from the sequence and never using it makes such a gap for good
        long gap = jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        String wallet = api.openWallet(owner, "USD");
        api.deposit(ADMIN_KEY, wallet, "3.00");
        Instant appended = Instant.now();

        Response held = api.get("/api/audit/events?after=" + (gap - 1), auditor);
        assertThat(held.status()).isEqualTo(200);
        if (Instant.now().isBefore(appended.plusSeconds(9))) {
            assertThat(held.json().get("items")).as("nothing after a young gap").isEmpty();
            assertThat(held.json().get("nextCursor").isNull()).isTrue();
        }
        // once the gap is older than the timeout (10 s), it is a rolled-back transaction and the feed moves past it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode items = api.get("/api/audit/events?after=" + (gap - 1), auditor).json().get("items");
            assertThat(items).isNotEmpty();
            assertThat(items.get(0).get("position").asLong()).isGreaterThan(gap);
            assertThat(ofAggregate(feedAfter(gap - 1, 100, auditor), wallet)).hasSize(2);
        });
    }

    @Test
    void theOpenApiDescriptionHasTheHistoryEndpoints() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        for (String path : List.of("/api/wallets/{walletId}/events", "/api/escrows/{escrowId}/events",
                "/api/audit/events", "/api/wallets/{walletId}/balance", "/api/wallets/{walletId}/entries.csv",
                "/api/stats")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.at("/~1api~1audit~1events/get/summary").asText()).contains("nextCursor").contains("after");
    }

    private static List<JsonNode> ofAggregate(List<JsonNode> feed, String aggregateId) {
        return feed.stream().filter(e -> e.get("aggregateId").asText().equals(aggregateId)).toList();
    }

    private static long positionOf(List<JsonNode> feed, String aggregateId, String type) {
        return ofAggregate(feed, aggregateId).stream().filter(e -> e.get("type").asText().equals(type))
                .findFirst().orElseThrow().get("position").asLong();
    }

    private static void assertSameEvents(List<JsonNode> inFeed, JsonNode history, String aggregateId) {
        assertThat(inFeed).hasSize(history.size());
        for (int i = 0; i < inFeed.size(); i++) {
            JsonNode fed = inFeed.get(i);
            JsonNode own = history.get(i);
            assertThat(fed.get("aggregateType").asText()).isEqualTo("Wallet");
            assertThat(fed.get("aggregateId").asText()).isEqualTo(aggregateId);
            for (String field : List.of("sequence", "type", "revision", "payload", "metadata", "occurredAt")) {
                assertThat(fed.get(field)).as(field).isEqualTo(own.get(field));
            }
        }
    }
}
