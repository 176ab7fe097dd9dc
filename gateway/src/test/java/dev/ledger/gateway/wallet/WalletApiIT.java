package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole wallet surface of API.md §1–§3 through HTTP, every error code it can answer included. */
class WalletApiIT extends IntegrationTest {

    private final List<Response> seen = new ArrayList<>();
    private String alice;
    private String aliceId;
    private String bob;

    @BeforeEach
    void users() {
        aliceId = newUser("alice");
        alice = api.clientKey(ADMIN_KEY, aliceId);
        bob = api.clientKey(ADMIN_KEY, newUser("bob"));
    }

    @AfterEach
    void noResponseLeaksInternals() {
        assertThat(seen).allSatisfy(response -> assertThat(response.body())
                .doesNotContain("Exception", "\tat ", "at org.", "at java.", "SQLState", "PSQL", "select ", "insert into",
                        "org.axonframework", "org.hibernate"));
    }

    private Response track(Response response) {
        seen.add(response);
        return response;
    }

    private Response post(String path, String key, String body) {
        return track(api.post(path, key, body));
    }

    private Response post(String path, String key, String idempotencyKey, String body) {
        return track(api.post(path, key, idempotencyKey, body));
    }

    private Response get(String path, String key) {
        return track(api.get(path, key));
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("type").asText()).isEqualTo("https://ledger.dev/problems/" + code);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    // ---- authentication ----

    @Test
    void requestsWithoutAValidKeyAreUnauthenticated() {
        assertProblem(get("/api/wallets", null), 401, "unauthenticated");
        assertProblem(get("/api/wallets", "lk_not-a-real-key"), 401, "unauthenticated");
        assertProblem(post("/api/wallets", "", "{\"currency\":\"USD\"}"), 401, "unauthenticated");
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOn() {
        Response created = post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"client\",\"userId\":\"carol\"}");
        String key = created.text("key");
        assertThat(get("/api/wallets", key).status()).isEqualTo(200);

        Response revoked = track(api.delete("/api/admin/api-keys/" + created.text("keyId"), ADMIN_KEY));

        assertThat(revoked.status()).isEqualTo(204);
        assertProblem(get("/api/wallets", key), 401, "unauthenticated");
        assertProblem(track(api.delete("/api/admin/api-keys/" + UUID.randomUUID(), ADMIN_KEY)), 404, "not-found");
    }

    @Test
    void keyManagementIsForAdminsAndNeverShowsKeysAgain() {
        Response created = post("/api/admin/api-keys", ADMIN_KEY, null,
                "{\"role\":\"auditor\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("key")).startsWith("lk_").hasSizeGreaterThan(40);
        assertThat(created.json().has("userId")).isTrue();
        assertThat(created.json().get("billingWalletId").isNull()).isTrue();

        Response page = get("/api/admin/api-keys?limit=1", ADMIN_KEY);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.text("nextCursor")).isNotNull();
        // every later page, however many keys earlier tests left: the new key is on one of them, its secret on none
        List<String> later = new ArrayList<>();
        for (String cursor = page.text("nextCursor"); cursor != null; ) {
            Response next = get("/api/admin/api-keys?limit=500&cursor=" + cursor, ADMIN_KEY);
            assertThat(next.json().get("items").toString()).doesNotContain("\"key\"", created.text("key"));
            later.addAll(next.json().get("items").findValuesAsText("keyId"));
            cursor = next.json().get("nextCursor").isNull() ? null : next.text("nextCursor");
        }
        assertThat(later).contains(created.text("keyId"))
                .doesNotContain(page.json().get("items").get(0).get("keyId").asText());

        assertProblem(get("/api/admin/api-keys", alice), 403, "forbidden");
        assertProblem(post("/api/admin/api-keys", alice, null, "{\"role\":\"admin\"}"), 403, "forbidden");
        assertProblem(post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"client\"}"), 400, "validation-failed");
        assertProblem(post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"root\"}"), 400, "validation-failed");
        assertProblem(get("/api/admin/api-keys?limit=0", ADMIN_KEY), 400, "validation-failed");
        assertProblem(get("/api/admin/api-keys?cursor=%21%21", ADMIN_KEY), 400, "validation-failed");
    }

    // ---- opening and reading wallets ----

    @Test
    void aClientOpensItsOwnWalletAndReadsIt() {
        Response opened = post("/api/wallets", alice, "{\"currency\":\"USD\",\"label\":\"main\"}");

        assertThat(opened.status()).isEqualTo(201);
        JsonNode wallet = opened.json();
        String id = wallet.get("walletId").asText();
        assertThat(opened.header("Location")).isEqualTo("/api/wallets/" + id);
        assertThat(wallet.get("ownerId").asText()).isEqualTo(aliceId);
        assertThat(wallet.get("currency").asText()).isEqualTo("USD");
        assertThat(wallet.get("label").asText()).isEqualTo("main");
        assertThat(wallet.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(wallet.get("balance").asText()).isEqualTo("0.00");
        assertThat(wallet.get("held").asText()).isEqualTo("0.00");
        assertThat(wallet.get("available").asText()).isEqualTo("0.00");
        assertThat(wallet.get("version").asLong()).isEqualTo(1);
        assertThat(wallet.get("createdAt").asText()).isEqualTo(wallet.get("updatedAt").asText());

        Response read = get("/api/wallets/" + id + "?minVersion=1", alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(wallet);
        assertThat(get("/api/wallets/" + id + "?minVersion=1", api.keyWithRole(ADMIN_KEY, "auditor")).status())
                .isEqualTo(200);
        assertProblem(get("/api/wallets/" + id + "?minVersion=1", bob), 404, "not-found");
        assertProblem(get("/api/wallets/" + UUID.randomUUID(), alice), 404, "not-found");
        assertProblem(get("/api/wallets/not-a-uuid", alice), 404, "not-found");
    }

    @Test
    void readYourWritesGivesUpWithReadModelBehindWhenTheVersionNeverComes() {
        String id = api.openWallet(alice, "EUR");
        Response behind = get("/api/wallets/" + id + "?minVersion=99", alice);
        assertProblem(behind, 503, "read-model-behind");
        assertThat(behind.header("Retry-After")).isNotNull();
    }

    @Test
    void whoMayOpenAWallet() {
        assertProblem(post("/api/wallets", alice, "{\"currency\":\"USD\",\"ownerId\":\"someone-else\"}"), 403, "forbidden");
        assertProblem(post("/api/wallets", api.keyWithRole(ADMIN_KEY, "auditor"), "{\"currency\":\"USD\"}"), 403,
                "forbidden");
        assertProblem(post("/api/wallets", ADMIN_KEY, "{\"currency\":\"USD\"}"), 400, "validation-failed");
        Response byAdmin = post("/api/wallets", ADMIN_KEY, "{\"currency\":\"JPY\",\"ownerId\":\"" + aliceId + "\"}");
        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(byAdmin.text("ownerId")).isEqualTo(aliceId);
        assertThat(byAdmin.text("balance")).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"currency\":\"usd\"}", "{\"currency\":\"XYZ\"}", "{\"currency\":\"\"}",
            "{\"currency\":840}", "{}", "{\"currency\":\"USD\",\"colour\":\"red\"}", "{\"currency\":\"USD\"",
            "[\"USD\"]", "{\"currency\":\"USD\",\"label\":7}"})
    void badWalletRequestsAreValidationFailures(String body) {
        Response refused = post("/api/wallets", alice, body);
        assertProblem(refused, 400, "validation-failed");
        assertThat(refused.json().get("errors")).isNotEmpty();
        assertThat(refused.json().get("errors").get(0).has("field")).isTrue();
    }

    @Test
    void idempotencyKeysAreRequiredAndWellFormed() {
        assertProblem(post("/api/wallets", alice, null, "{\"currency\":\"USD\"}"), 400, "idempotency-key-missing");
        assertProblem(post("/api/wallets", alice, "", "{\"currency\":\"USD\"}"), 400, "validation-failed");
        assertProblem(post("/api/wallets", alice, "x".repeat(256), "{\"currency\":\"USD\"}"), 400, "validation-failed");
        assertProblem(post("/api/wallets", alice, "   ", "{\"currency\":\"USD\"}"), 400, "validation-failed");
    }

    @Test
    void listsShowAClientOnlyItsOwnWalletsAndPageThroughThem() {
        String first = api.openWallet(alice, "USD");
        String second = api.openWallet(alice, "EUR");
        String third = api.openWallet(alice, "USD");
        api.openWallet(bob, "USD");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/wallets", alice).json().get("items")).hasSize(3));
        Response page1 = get("/api/wallets?limit=2", alice);
        assertThat(page1.json().get("items").findValuesAsText("walletId")).containsExactly(first, second);
        Response page2 = get("/api/wallets?limit=2&cursor=" + page1.text("nextCursor"), alice);
        assertThat(page2.json().get("items").findValuesAsText("walletId")).containsExactly(third);
        assertThat(page2.json().get("nextCursor").isNull()).isTrue();
        assertThat(get("/api/wallets?currency=EUR", alice).json().get("items").findValuesAsText("walletId"))
                .containsExactly(second);
        assertThat(get("/api/wallets?ownerId=someone-else", alice).json().get("items")).isEmpty();
        assertThat(get("/api/wallets?ownerId=" + aliceId + "&limit=500", ADMIN_KEY).json().get("items")).hasSize(3);
        assertThat(get("/api/wallets?status=ACTIVE&ownerId=" + aliceId, ADMIN_KEY).json().get("items")).hasSize(3);

        assertProblem(get("/api/wallets?limit=501", alice), 400, "validation-failed");
        assertProblem(get("/api/wallets?limit=abc", alice), 400, "validation-failed");
        assertProblem(get("/api/wallets?status=OPEN", alice), 400, "validation-failed");
        assertProblem(get("/api/wallets?currency=usd", alice), 400, "validation-failed");
        assertProblem(get("/api/wallets?cursor=bm90LWEtY3Vyc29y", alice), 400, "validation-failed");
    }

    // ---- money ----

    @Test
    void depositsAreForAdminsAndAnswerTheWalletStateRightAfter() {
        String wallet = api.openWallet(alice, "USD");

        Response deposited = post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY,
                "{\"amount\":\"100.00\",\"reference\":\"top-up 1\"}");

        assertThat(deposited.status()).isEqualTo(201);
        JsonNode entry = deposited.json();
        assertThat(entry.get("entryId").asText()).isNotBlank();
        assertThat(entry.get("walletId").asText()).isEqualTo(wallet);
        assertThat(entry.get("type").asText()).isEqualTo("DEPOSITED");
        assertThat(entry.get("amount").asText()).isEqualTo("100.00");
        assertThat(entry.get("balance").asText()).isEqualTo("100.00");
        assertThat(entry.get("held").asText()).isEqualTo("0.00");
        assertThat(entry.get("available").asText()).isEqualTo("100.00");
        assertThat(entry.get("version").asLong()).isEqualTo(2);
        assertThat(entry.get("occurredAt").asText()).isNotBlank();

        assertProblem(post("/api/wallets/" + wallet + "/deposits", alice, "{\"amount\":\"1.00\"}"), 403, "forbidden");
        assertProblem(post("/api/wallets/" + wallet + "/deposits", bob, "{\"amount\":\"1.00\"}"), 404, "not-found");
        assertProblem(post("/api/wallets/" + wallet + "/deposits", api.keyWithRole(ADMIN_KEY, "auditor"),
                "{\"amount\":\"1.00\"}"), 403, "forbidden");
        assertProblem(post("/api/wallets/" + UUID.randomUUID() + "/deposits", ADMIN_KEY, "{\"amount\":\"1.00\"}"),
                404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1.005\"", "\"1.000\"", "1", "1.5", "\"1e3\"", "\"-1.00\"", "\"+1.00\"", "\" 1.00\"",
            "\"\"", "\"0\"", "\"0.00\"", "\"abc\"", "\"1.\"", "\".5\"", "\"92233720368547758.08\"", "null", "true"})
    void badAmountsAreRefusedWithoutMovingMoney(String amount) {
        String wallet = api.openWallet(alice, "USD");
        Response refused = post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, "{\"amount\":" + amount + "}");
        assertProblem(refused, 400, "validation-failed");
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("amount");
        assertThat(get("/api/wallets/" + wallet + "?minVersion=1", alice).json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theScaleRuleFollowsTheWalletsCurrency() {
        String yen = api.openWallet(alice, "JPY");
        String dinar = api.openWallet(alice, "BHD");
        assertProblem(post("/api/wallets/" + yen + "/deposits", ADMIN_KEY, "{\"amount\":\"1.0\"}"), 400,
                "validation-failed");
        assertThat(post("/api/wallets/" + yen + "/deposits", ADMIN_KEY, "{\"amount\":\"1500\"}").text("balance"))
                .isEqualTo("1500");
        assertThat(post("/api/wallets/" + dinar + "/deposits", ADMIN_KEY, "{\"amount\":\"1.005\"}").text("balance"))
                .isEqualTo("1.005");
    }

    @Test
    void withdrawalsNeverOverdrawAndRejectionsAreReplayed() {
        String wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "50.00");

        Response withdrawn = post("/api/wallets/" + wallet + "/withdrawals", alice, "w-1", "{\"amount\":\"20.00\"}");
        assertThat(withdrawn.status()).isEqualTo(201);
        assertThat(withdrawn.text("balance")).isEqualTo("30.00");
        assertThat(withdrawn.text("type")).isEqualTo("WITHDRAWN");

        Response tooMuch = post("/api/wallets/" + wallet + "/withdrawals", alice, "w-2", "{\"amount\":\"30.01\"}");
        assertProblem(tooMuch, 422, "insufficient-funds");
        assertThat(tooMuch.header("Idempotent-Replayed")).isNull();
        Response tooMuchAgain = post("/api/wallets/" + wallet + "/withdrawals", alice, "w-2", "{\"amount\":\"30.01\"}");
        assertProblem(tooMuchAgain, 422, "insufficient-funds");
        assertThat(tooMuchAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(tooMuchAgain.body()).isEqualTo(tooMuch.body());

        assertProblem(post("/api/wallets/" + wallet + "/withdrawals", bob, "{\"amount\":\"1.00\"}"), 404, "not-found");
        assertProblem(post("/api/wallets/" + wallet + "/withdrawals", api.keyWithRole(ADMIN_KEY, "auditor"),
                "{\"amount\":\"1.00\"}"), 403, "forbidden");
        Response byAdmin = post("/api/wallets/" + wallet + "/withdrawals", ADMIN_KEY, "{\"amount\":\"30.00\"}");
        assertThat(byAdmin.text("balance")).isEqualTo("0.00");
    }

    @Test
    void theSameKeyAndRequestReplaysTheFirstAnswerAndADifferentRequestIsRefused() {
        String wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");
        String path = "/api/wallets/" + wallet + "/withdrawals";
        String key = "pay-" + UUID.randomUUID();

        Response first = post(path, alice, key, "{\"amount\":\"1.00\",\"reference\":\"r\"}");
        Response again = post(path, alice, "\"" + key + "\"", "{ \"reference\": \"r\", \"amount\": \"1.00\" }");
        Response other = post(path, alice, key, "{\"amount\":\"2.00\",\"reference\":\"r\"}");
        Response otherPath = post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, key, "{\"amount\":\"2.00\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(otherPath.status()).as("keys are scoped to the principal").isEqualTo(201);
        assertThat(get("/api/wallets/" + wallet + "?minVersion=4", alice).text("balance")).isEqualTo("11.00");
    }

    @Test
    void aRequestRefusedBeforeTheDomainRecordsNothing() {
        String wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");
        String path = "/api/wallets/" + wallet + "/withdrawals";

        assertProblem(post("/api/wallets/" + UUID.randomUUID() + "/withdrawals", alice, "k-1", "{\"amount\":\"1.00\"}"),
                404, "not-found");
        assertProblem(post(path, alice, "k-1", "{\"amount\":\"1.001\"}"), 400, "validation-failed");
        assertProblem(post(path, bob, "k-1", "{\"amount\":\"1.00\"}"), 404, "not-found");
        Response succeeded = post(path, alice, "k-1", "{\"amount\":\"1.00\"}");

        assertThat(succeeded.status()).isEqualTo(201);
        assertThat(succeeded.header("Idempotent-Replayed")).isNull();
    }

    // ---- lifecycle ----

    @Test
    void aFrozenWalletReceivesButDoesNotPay() {
        String wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");

        assertProblem(post("/api/wallets/" + wallet + "/freeze", alice, null), 403, "forbidden");
        Response frozen = post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, "{}");
        assertThat(frozen.status()).isEqualTo(200);
        assertThat(frozen.text("status")).isEqualTo("FROZEN");
        assertThat(frozen.json().get("version").asLong()).isEqualTo(3);

        assertProblem(post("/api/wallets/" + wallet + "/withdrawals", alice, "{\"amount\":\"1.00\"}"), 409,
                "wallet-not-active");
        assertThat(post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, "{\"amount\":\"1.00\"}").status())
                .isEqualTo(201);
        Response again = post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, null);
        assertProblem(again, 409, "invalid-state-transition");
        assertThat(again.text("currentState")).isEqualTo("FROZEN");
        assertProblem(post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, "{\"why\":1}"), 400, "validation-failed");

        Response unfrozen = post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, null);
        assertThat(unfrozen.text("status")).isEqualTo("ACTIVE");
        assertProblem(post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, null), 409, "invalid-state-transition");
        assertThat(post("/api/wallets/" + wallet + "/withdrawals", alice, "{\"amount\":\"11.00\"}").status())
                .isEqualTo(201);
    }

    @Test
    void onlyAnEmptyWalletCloses() {
        String wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "5.00");

        assertProblem(post("/api/wallets/" + wallet + "/close", alice, null), 409, "wallet-not-empty");
        post("/api/wallets/" + wallet + "/withdrawals", alice, "{\"amount\":\"5.00\"}");
        Response closed = post("/api/wallets/" + wallet + "/close", alice, null);

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertProblem(post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, "{\"amount\":\"1.00\"}"), 409,
                "wallet-not-active");
        assertProblem(post("/api/wallets/" + wallet + "/close", alice, null), 409, "invalid-state-transition");
        assertProblem(post("/api/wallets/" + wallet + "/close", bob, null), 404, "not-found");
    }

    // ---- journal ----

    @Test
    void theJournalHasOneEntryPerEventNewestFirst() {
        String wallet = api.openWallet(alice, "USD");
        String depositKey = "dep-" + UUID.randomUUID();
        post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY, depositKey, "{\"amount\":\"10.00\",\"reference\":\"in\"}");
        post("/api/wallets/" + wallet + "/withdrawals", alice, "wd-1", "{\"amount\":\"4.00\"}");
        post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, null);
        post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/wallets/" + wallet + "/entries", alice).json().get("items")).hasSize(4));
        JsonNode items = get("/api/wallets/" + wallet + "/entries", alice).json().get("items");
        assertThat(items.findValuesAsText("type")).containsExactly("UNFROZEN", "FROZEN", "WITHDRAWN", "DEPOSITED");
        assertThat(items.findValues("sequence")).extracting(JsonNode::asLong).containsExactly(4L, 3L, 2L, 1L);
        JsonNode deposit = items.get(3);
        assertThat(deposit.get("amount").asText()).isEqualTo("10.00");
        assertThat(deposit.get("balanceAfter").asText()).isEqualTo("10.00");
        assertThat(deposit.get("reference").asText()).isEqualTo("in");
        assertThat(deposit.get("idempotencyKey").asText()).isEqualTo(depositKey);
        assertThat(deposit.get("counterparty").isNull()).isTrue();
        JsonNode withdrawal = items.get(2);
        assertThat(withdrawal.get("amount").asText()).isEqualTo("4.00");
        assertThat(withdrawal.get("balanceAfter").asText()).isEqualTo("6.00");
        assertThat(withdrawal.get("heldAfter").asText()).isEqualTo("0.00");
        assertThat(withdrawal.get("availableAfter").asText()).isEqualTo("6.00");
        assertThat(items.get(1).get("amount").isNull()).isTrue();
        assertThat(items.get(1).get("balanceAfter").asText()).isEqualTo("6.00");

        Response withdrawals = get("/api/wallets/" + wallet + "/entries?type=WITHDRAWN", alice);
        assertThat(withdrawals.json().get("items").findValuesAsText("type")).containsExactly("WITHDRAWN");
        Response firstPage = get("/api/wallets/" + wallet + "/entries?limit=3", alice);
        Response secondPage = get("/api/wallets/" + wallet + "/entries?limit=3&cursor=" + firstPage.text("nextCursor"),
                alice);
        assertThat(secondPage.json().get("items").findValuesAsText("type")).containsExactly("DEPOSITED");
        String occurred = deposit.get("occurredAt").asText();
        assertThat(get("/api/wallets/" + wallet + "/entries?to=" + occurred, alice).json().get("items")).isEmpty();
        assertThat(get("/api/wallets/" + wallet + "/entries?from=" + occurred + "&type=DEPOSITED", alice)
                .json().get("items")).hasSize(1);

        assertProblem(get("/api/wallets/" + wallet + "/entries", bob), 404, "not-found");
        assertProblem(get("/api/wallets/" + wallet + "/entries?from=yesterday", alice), 400, "validation-failed");
        assertProblem(get("/api/wallets/" + wallet + "/entries?type=SPENT", alice), 400, "validation-failed");
    }

    // ---- the rest of HTTP ----

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        assertProblem(get("/api/nothing-here", alice), 404, "not-found");
        Response wrongMethod = track(api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/wallets"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), alice, Map.of()));
        assertProblem(wrongMethod, 405, "method-not-allowed");
    }

    @Test
    void healthAndOpenApiAreServed() {
        // the API port tells only whether the instance serves; the details are on the management port
        Response serving = get("/actuator/health", null);
        assertThat(serving.status()).isEqualTo(200);
        assertThat(serving.json()).isEqualTo(JsonNodeFactory.instance.objectNode().put("status", "UP"));
        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(404);

        Response health = management.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/eventProcessors/details/wallets/status").asText()).isEqualTo("RUNNING");

        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/wallets/{walletId}/withdrawals")).isTrue();
        assertThat(get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
