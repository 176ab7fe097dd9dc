package dev.ledger.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fault test (c) of issue 10: well over a thousand bad requests, generated from a fixed seed, against every family
 * of command endpoints — wallets, holds, transfers, escrows, API keys, replays. Each request starts from one that
 * would succeed and gets at least one defect that must refuse it whoever sends it: text (control characters, lone
 * surrogates, too long), encodings (invalid UTF-8), structure (trailing data, duplicate keys, deep nesting, huge
 * numbers, oversized bodies), ids (malformed, unknown), headers (missing, malformed or duplicate keys, bad API keys),
 * content types, methods, roles, and raw request lines and headers only a socket can send.
 *
 * <p>Then: no 5xx ever, every answer a problem+json with {@code type}, {@code title}, {@code status} and
 * {@code code}, and nothing recorded — no event on the fixtures, no new aggregate, no idempotency record, no API
 * key, no metered call, compared through SQL before and after.
 */
class BadInputFuzzIT extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(BadInputFuzzIT.class);
    private static final long SEED = 20_261_205L;
    private static final int REQUESTS = 1_300;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private final Map<Caller, String> keys = new EnumMap<>(Caller.class);
    private final Map<String, String> ids = new LinkedHashMap<>();

    /** Who sends a request. */
    enum Caller { ADMIN, ALICE, BOB, AUDITOR, NOBODY, GARBAGE, REVOKED, OVERSIZED }

    /**
     * A command endpoint and a request to it that an admin could send successfully (or, for a replay, harmlessly).
     * Path variables are {@code {name}}s filled from the fixtures' ids.
     */
    record Endpoint(String name, String method, String path, Map<String, String> fields, boolean takesBody,
                    boolean needsIdempotencyKey, Set<Caller> refused, List<String> textFields,
                    List<String> requiredFields, List<String> idFields, List<String> refusedWhenUnknown) {
    }

    /** The defects; each one alone refuses a request before anything is recorded. */
    enum Defect {
        CONTROL_CHARACTER, LONE_SURROGATE, TEXT_TOO_LONG, INVALID_UTF8, NOT_UTF8_JSON, TRAILING_DATA,
        DUPLICATE_JSON_KEY, TRUNCATED_JSON, NOT_AN_OBJECT, DEEP_NESTING, HUGE_NUMBER, OVERSIZED_BODY, MISSING_FIELD,
        UNKNOWN_FIELD, WRONG_TYPE, BAD_VALUE, MALFORMED_PATH_ID, UNKNOWN_PATH_ID, MALFORMED_BODY_ID, UNKNOWN_BODY_ID,
        MISSING_IDEMPOTENCY_KEY, MALFORMED_IDEMPOTENCY_KEY, DUPLICATE_IDEMPOTENCY_KEY, MISSING_API_KEY, BAD_API_KEY,
        CONTENT_TYPE, METHOD, ROLE, MALFORMED_URL, MALFORMED_HEADERS, MALFORMED_REQUEST_LINE, MALFORMED_BODY_FRAMING
    }

    /** One request being made bad: every part may still be changed. */
    private static final class Draft {
        String method;
        String path;
        final Map<String, String> pathVariables = new LinkedHashMap<>();
        final Map<String, byte[]> fields = new LinkedHashMap<>();
        byte[] body;
        Function<byte[], byte[]> bodyTransform = Function.identity();
        String contentType = "application/json";
        final List<Map.Entry<String, byte[]>> extraHeaders = new ArrayList<>();
        List<String> idempotencyKeys;
        Caller caller;
        byte[] rawRequest;
        final List<Defect> defects = new ArrayList<>();
    }

    @Test
    void badRequestsAreProblemsAndRecordNothing() {
        fixtures();
        Mark mark = mark();
        RawHttp http = new RawHttp(port);
        Random random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        Map<Defect, Integer> sent = new EnumMap<>(Defect.class);
        Map<String, Integer> families = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();

        for (int i = 0; i < REQUESTS; i++) {
            // every defect in turn, on an endpoint it applies to; a quarter of the requests get a second one
            Defect defect = Defect.values()[i % Defect.values().length];
            Endpoint endpoint = pick(random, endpoints.stream().filter(e -> applies(defect, e)).toList());
            Draft draft = draft(endpoint, random);
            spoil(draft, endpoint, defect, random);
            Defect another = Defect.values()[random.nextInt(Defect.values().length)];
            if (random.nextInt(4) == 0 && applies(another, endpoint)) {
                spoil(draft, endpoint, another, random);
            }
            byte[] request = bytes(draft);
            RawHttp.Response response = http.send(request);
            String problem = problemWith(response);
            if (problem != null && failures.size() < 25) {
                failures.add(problem + " <- " + endpoint.name() + " " + draft.defects + " by " + draft.caller + ": "
                        + abbreviate(new String(request, UTF_8)));
            }
            draft.defects.forEach(each -> sent.merge(each, 1, Integer::sum));
            families.merge(endpoint.name(), 1, Integer::sum);
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        log.info("bad-input fuzz: {} requests in {} s, seed {}; defects sent: {}; endpoints: {}", REQUESTS, seconds,
                SEED, sent, families);
        assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
        assertThat(recordedSince(mark)).as("what the bad requests left behind").isEqualTo(Recorded.NOTHING);
        assertThat(sent.keySet()).as("every kind of defect was sent").containsExactlyInAnyOrder(Defect.values());
        assertThat(families.keySet()).as("every endpoint was tried").hasSize(endpoints.size());
        assertThat(seconds).as("the fuzz stays fast").isLessThan(50);

        // the counts see what a request records: one good deposit is one event and one idempotency record
        api.deposit(ADMIN_KEY, ids.get("wallet"), "1.00");
        assertThat(recordedSince(mark)).isEqualTo(new Recorded(0, 1, 1, 0, 0));
    }

    // ---- what a response must be ----

    private static String problemWith(RawHttp.Response response) {
        if (response.status() < 400 || response.status() > 499) {
            return "status " + response.status() + " " + abbreviate(response.text());
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "content type " + contentType + ": " + abbreviate(response.text());
        }
        JsonNode body;
        try {
            body = response.json();
        } catch (AssertionError notJson) {
            return "not JSON: " + abbreviate(response.text());
        }
        String code = body.path("code").asText("");
        if (code.isEmpty() || !body.path("type").asText("").equals("https://ledger.dev/problems/" + code)
                || body.path("title").asText("").isBlank() || body.path("status").asInt() != response.status()) {
            return "not the problem shape: " + abbreviate(response.text());
        }
        if (response.text().contains("Exception") || response.text().contains("\tat ")) {
            return "leaks internals: " + abbreviate(response.text());
        }
        return null;
    }

    // ---- what must not change ----

    /** Where the store stood when the bad requests began. */
    record Mark(long lastEvent, Timestamp at) {
    }

    /** Everything a request could leave behind since the mark, counted in the database itself. */
    record Recorded(long newAggregates, long eventsOnFixtures, long idempotencyRecords, long apiKeysIssuedOrRevoked,
                    long meteredCalls) {

        static final Recorded NOTHING = new Recorded(0, 0, 0, 0, 0);
    }

    private Mark mark() {
        return new Mark(count("select coalesce(max(global_index), 0) from domain_event_entry"),
                Timestamp.from(Instant.now()));
    }

    private Recorded recordedSince(Mark mark) {
        List<Object> fixtureIds = new ArrayList<>(ids.values());
        String in = String.join(",", fixtureIds.stream().map(id -> "?").toList());
        List<Object> afterEvent = new ArrayList<>(List.of(mark.lastEvent()));
        afterEvent.addAll(fixtureIds);
        // hold and escrow expiries of other tests may append to their own aggregates meanwhile; never to these, and
        // never a first event; and rows older than the mark may be purged meanwhile, so only newer ones are counted
        return new Recorded(
                count("select count(*) from domain_event_entry where global_index > ? and sequence_number = 0",
                        mark.lastEvent()),
                count("select count(*) from domain_event_entry where global_index > ? and aggregate_identifier in ("
                        + in + ")", afterEvent.toArray()),
                count("select count(*) from command_idempotency where created_at >= ?", mark.at()),
                count("select count(*) from api_key where created_at >= ? or revoked_at >= ?", mark.at(), mark.at()),
                count("select count(*) from metered_call where created_at >= ?", mark.at()));
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    // ---- fixtures: two clients with wallets, money, a hold and an escrow between them ----

    private void fixtures() {
        String aliceId = newUser("fuzz-alice");
        keys.put(Caller.ADMIN, ADMIN_KEY);
        keys.put(Caller.ALICE, api.clientKey(ADMIN_KEY, aliceId));
        keys.put(Caller.BOB, api.clientKey(ADMIN_KEY, newUser("fuzz-bob")));
        keys.put(Caller.AUDITOR, api.keyWithRole(ADMIN_KEY, "auditor"));
        keys.put(Caller.GARBAGE, "lk_" + UUID.randomUUID());
        keys.put(Caller.OVERSIZED, "lk_" + "k".repeat(10_000));
        var revoked = api.post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"auditor\"}");
        assertThat(api.delete("/api/admin/api-keys/" + revoked.text("keyId"), ADMIN_KEY).status()).isEqualTo(204);
        keys.put(Caller.REVOKED, revoked.text("key"));

        ids.put("wallet", api.openWallet(keys.get(Caller.ALICE), "USD"));
        ids.put("other", api.openWallet(keys.get(Caller.BOB), "USD"));
        api.deposit(ADMIN_KEY, ids.get("wallet"), "100.00");
        var hold = api.post("/api/wallets/" + ids.get("wallet") + "/holds", keys.get(Caller.ALICE),
                "{\"amount\":\"5.00\",\"expiresInSeconds\":3600}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        ids.put("hold", hold.text("holdId"));
        var escrow = api.post("/api/escrows", keys.get(Caller.ALICE), "{\"buyerWalletId\":\"" + ids.get("wallet")
                + "\",\"sellerWalletId\":\"" + ids.get("other") + "\",\"amount\":\"10.00\",\"currency\":\"USD\"}");
        assertThat(escrow.status()).as(escrow.body()).isEqualTo(201);
        ids.put("escrow", escrow.text("escrowId"));
        var spare = api.post("/api/admin/api-keys", ADMIN_KEY, null, "{\"role\":\"auditor\"}");
        ids.put("key", spare.text("keyId"));
    }

    private List<Endpoint> endpoints() {
        String wallet = ids.get("wallet");
        String other = ids.get("other");
        Set<Caller> notOwner = Set.of(Caller.BOB, Caller.AUDITOR);
        Set<Caller> notAdmin = Set.of(Caller.ALICE, Caller.BOB, Caller.AUDITOR);
        List<String> none = List.of();
        return List.of(
                new Endpoint("open wallet", "POST", "/api/wallets",
                        fields("currency", "\"USD\"", "ownerId", "\"fuzz-owner\"", "label", "\"savings\""), true, true,
                        notAdmin, List.of("label", "ownerId"), List.of("currency"), none, none),
                new Endpoint("deposit", "POST", "/api/wallets/{wallet}/deposits",
                        fields("amount", "\"1.00\"", "reference", "\"top-up\""), true, true, notAdmin,
                        List.of("reference"), List.of("amount"), none, none),
                new Endpoint("withdraw", "POST", "/api/wallets/{wallet}/withdrawals",
                        fields("amount", "\"1.00\"", "reference", "\"cash\""), true, true, notOwner,
                        List.of("reference"), List.of("amount"), none, none),
                new Endpoint("place hold", "POST", "/api/wallets/{wallet}/holds",
                        fields("amount", "\"1.00\"", "expiresInSeconds", "60", "reference", "\"order\""), true, true,
                        notOwner, List.of("reference"), List.of("amount"), none, none),
                new Endpoint("capture hold", "POST", "/api/wallets/{wallet}/holds/{hold}/capture",
                        fields("amount", "\"1.00\""), true, true, notOwner, none, none, none, none),
                new Endpoint("void hold", "POST", "/api/wallets/{wallet}/holds/{hold}/void", fields(), true, true,
                        notOwner, none, none, none, none),
                new Endpoint("freeze", "POST", "/api/wallets/{wallet}/freeze", fields(), true, true, notAdmin, none,
                        none, none, none),
                new Endpoint("unfreeze", "POST", "/api/wallets/{wallet}/unfreeze", fields(), true, true, notAdmin,
                        none, none, none, none),
                new Endpoint("close", "POST", "/api/wallets/{wallet}/close", fields(), true, true, notOwner, none,
                        none, none, none),
                new Endpoint("transfer", "POST", "/api/transfers",
                        fields("fromWalletId", quoted(wallet), "toWalletId", quoted(other), "amount", "\"1.00\"",
                                "reference", "\"rent\""), true, true, notOwner, List.of("reference"),
                        List.of("fromWalletId", "toWalletId", "amount"), List.of("fromWalletId", "toWalletId"),
                        List.of("fromWalletId", "toWalletId")),
                new Endpoint("create escrow", "POST", "/api/escrows",
                        fields("buyerWalletId", quoted(wallet), "sellerWalletId", quoted(other), "amount", "\"1.00\"",
                                "currency", "\"USD\"", "description", "\"a bike\""), true, true, notOwner,
                        List.of("description"), List.of("buyerWalletId", "sellerWalletId", "amount", "currency"),
                        List.of("buyerWalletId", "sellerWalletId"), List.of("buyerWalletId", "sellerWalletId")),
                new Endpoint("fund escrow", "POST", "/api/escrows/{escrow}/fund", fields(), true, true, notOwner,
                        none, none, none, none),
                new Endpoint("release escrow", "POST", "/api/escrows/{escrow}/release", fields(), true, true,
                        notOwner, none, none, none, none),
                new Endpoint("refund escrow", "POST", "/api/escrows/{escrow}/refund", fields(), true, true, notOwner,
                        none, none, none, none),
                new Endpoint("create API key", "POST", "/api/admin/api-keys",
                        fields("role", "\"client\"", "userId", "\"fuzz-user\""), true, false, notAdmin,
                        List.of("userId"), List.of("role"), List.of("billingWalletId"), none),
                new Endpoint("revoke API key", "DELETE", "/api/admin/api-keys/{key}", fields(), false, false,
                        notAdmin, none, none, none, none),
                // the transfer process cannot be replayed (409): even an unspoiled request would change nothing
                new Endpoint("replay", "POST", "/api/admin/projections/{projection}/replay", fields(), false, false,
                        notAdmin, none, none, none, none));
    }

    private Draft draft(Endpoint endpoint, Random random) {
        Draft draft = new Draft();
        draft.method = endpoint.method();
        draft.path = endpoint.path();
        for (String name : List.of("wallet", "hold", "escrow", "key")) {
            if (endpoint.path().contains("{" + name + "}")) {
                draft.pathVariables.put(name, ids.get(name));
            }
        }
        if (endpoint.path().contains("{projection}")) {
            draft.pathVariables.put("projection", "transfer-process");
        }
        endpoint.fields().forEach((name, literal) -> draft.fields.put(name, literal.getBytes(UTF_8)));
        draft.idempotencyKeys = !endpoint.needsIdempotencyKey() && random.nextBoolean() ? new ArrayList<>()
                : new ArrayList<>(List.of(uuid(random)));
        // whoever sends it: the defect refuses it anyway (or the caller's role does, first)
        draft.caller = List.of(Caller.ADMIN, Caller.ALICE, Caller.BOB, Caller.AUDITOR).get(random.nextInt(4));
        return draft;
    }

    // ---- the defects ----

    private void spoil(Draft draft, Endpoint endpoint, Defect defect, Random random) {
        draft.defects.add(defect);
        switch (defect) {
            case CONTROL_CHARACTER -> draft.fields.put(textField(endpoint, random),
                    jsonString(printable(random, 0, 20) + controlCharacter(random) + printable(random, 0, 20)));
            case LONE_SURROGATE -> draft.fields.put(textField(endpoint, random), jsonString(printable(random, 0, 10)
                    + pick(random, "\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ude00\\ud83d", "\\ud83d\\ud83d")
                    + printable(random, 0, 10)));
            case TEXT_TOO_LONG -> draft.fields.put(textField(endpoint, random), jsonString(random.nextInt(3) == 0
                    ? "\\ud83d\\ude00".repeat(128 + random.nextInt(10))
                    : "x".repeat(random.nextBoolean() ? 256 + random.nextInt(50) : 10_000 + random.nextInt(50_000))));
            case INVALID_UTF8 -> draft.fields.put(pick(random, textField(endpoint, random), "amount"), concat(
                    "\"a".getBytes(UTF_8), pick(random, INVALID_UTF8_SEQUENCES), "b\"".getBytes(UTF_8)));
            case NOT_UTF8_JSON -> draft.bodyTransform = draft.bodyTransform.andThen(body -> random.nextBoolean()
                    ? concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body)
                    : new String(body, UTF_8).getBytes(StandardCharsets.UTF_16LE));
            case TRAILING_DATA -> draft.bodyTransform = draft.bodyTransform.andThen(body -> concat(body,
                    pick(random, "}", "]", " {}", "{\"amount\":\"2.00\"}", "x", "\"", " null", ",").getBytes(UTF_8)));
            case DUPLICATE_JSON_KEY -> draft.bodyTransform = draft.bodyTransform.andThen(body -> {
                String json = new String(body, UTF_8);
                String name = draft.fields.isEmpty() ? "x" : draft.fields.keySet().iterator().next();
                String duplicate = "\"" + name + "\":\"duplicate\"";
                return (json.equals("{}") ? "{" + duplicate + "," + duplicate + "}"
                        : "{" + duplicate + "," + json.substring(1)).getBytes(UTF_8);
            });
            // no proper prefix of a JSON object is one
            case TRUNCATED_JSON -> draft.bodyTransform = draft.bodyTransform.andThen(body -> body.length < 2
                    ? "{".getBytes(UTF_8) : Arrays.copyOf(body, 1 + random.nextInt(body.length - 1)));
            // not null: the JSON null is a body left out, what generated clients send (docs/adr/017)
            case NOT_AN_OBJECT -> draft.body = pick(random, "[]", "[{\"amount\":\"1.00\"}]", "\"text\"", "1", "true",
                    "-0").getBytes(UTF_8);
            case DEEP_NESTING -> {
                int depth = random.nextBoolean() ? 200 + random.nextInt(700) : 1_001 + random.nextInt(4_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                draft.fields.put(pick(random, "amount", "nested"), (open.repeat(depth) + "1" + close.repeat(depth))
                        .getBytes(UTF_8));
            }
            case HUGE_NUMBER -> draft.fields.put(pick(random, "amount", "expiresInSeconds", "currency", "number"),
                    pick(random, "1e999999999", "-1e-999999999", "9".repeat(20 + random.nextInt(5_000)),
                            "0." + "1".repeat(2_000), "123456789012345678901234567890.5").getBytes(UTF_8));
            case OVERSIZED_BODY -> draft.bodyTransform = draft.bodyTransform.andThen(body -> concat(
                    " ".repeat(64 * 1024 + random.nextInt(32 * 1024)).getBytes(UTF_8), body));
            case MISSING_FIELD -> draft.fields.remove(pick(random, endpoint.requiredFields()));
            case UNKNOWN_FIELD -> draft.fields.put(pick(random, "extra", "Amount", "amount ", "__proto__", "",
                    "label\\u0000", "metadata"), "\"x\"".getBytes(UTF_8));
            // strings are the one type every field but expiresInSeconds takes, so none is offered here
            case WRONG_TYPE -> draft.fields.put(pick(random, "amount", "currency", "expiresInSeconds", "role",
                    "reference"), pick(random, "1.00", "{}", "[\"1.00\"]", "true", "1.5", "{\"v\":1}")
                    .getBytes(UTF_8));
            case BAD_VALUE -> {
                if (draft.fields.containsKey("amount")) {
                    draft.fields.put("amount", pick(random, "\"1.001\"", "\"-1.00\"", "\"1e3\"", "\"\"", "\" 1.00\"",
                            "\"0\"", "\"0.00\"", "\"99999999999999999999.00\"", "\"1,00\"", "\"+1\"").getBytes(UTF_8));
                } else if (draft.fields.containsKey("role")) {
                    draft.fields.put("role", pick(random, "\"root\"", "\"Client\"", "\"\"").getBytes(UTF_8));
                } else {
                    // an endpoint without fields refuses any, a well-formed one too
                    draft.fields.put("currency", pick(random, "\"usd\"", "\"XXX\"", "\"USD\"").getBytes(UTF_8));
                }
            }
            case MALFORMED_PATH_ID -> draft.pathVariables.put(pick(random, List.copyOf(draft.pathVariables.keySet())),
                    pick(random, "not-a-uuid", "1234", ids.get("wallet") + "0", ids.get("wallet").substring(1),
                            "null", "%20", "x".repeat(300), "%F0%9F%98%80", uuid(random) + "%00"));
            case UNKNOWN_PATH_ID -> {
                String variable = pick(random, List.copyOf(draft.pathVariables.keySet()));
                draft.pathVariables.put(variable, variable.equals("projection") ? "no-such-projection"
                        : uuid(random));
            }
            case MALFORMED_BODY_ID -> draft.fields.put(pick(random, endpoint.idFields()),
                    jsonString(pick(random, "nope", "", "123", ids.get("wallet") + "x", "ffffffff")));
            case UNKNOWN_BODY_ID -> draft.fields.put(pick(random, endpoint.refusedWhenUnknown()),
                    jsonString(uuid(random)));
            case MISSING_IDEMPOTENCY_KEY -> draft.idempotencyKeys = new ArrayList<>();
            case MALFORMED_IDEMPOTENCY_KEY -> draft.idempotencyKeys = new ArrayList<>(List.of(pick(random, "", "\"\"",
                    "k".repeat(256 + random.nextInt(100)), "ключ", "tab\there", "del\u007f")));
            case DUPLICATE_IDEMPOTENCY_KEY -> draft.idempotencyKeys = new ArrayList<>(random.nextBoolean()
                    ? List.of("same-" + random.nextInt(), "same-" + random.nextInt())
                    : List.of("twice", "twice"));
            case MISSING_API_KEY -> draft.caller = Caller.NOBODY;
            case BAD_API_KEY -> draft.caller = pick(random, Caller.GARBAGE, Caller.REVOKED, Caller.OVERSIZED);
            case CONTENT_TYPE -> {
                draft.contentType = pick(random, null, "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
                        "application/json; charset=bogus", "application/jsonx",
                        "application/problem+json", "*/*", "", "application/json, text/plain", "{{{");
                if (random.nextBoolean() && "application/xml".equals(draft.contentType)) {
                    draft.body = "<deposit><amount>1.00</amount></deposit>".getBytes(UTF_8);
                } else if ("application/x-www-form-urlencoded".equals(draft.contentType)) {
                    draft.body = "amount=1.00&reference=x".getBytes(UTF_8);
                }
                if (!endpoint.takesBody() && draft.body == null) {
                    draft.body = "{}".getBytes(UTF_8);
                }
            }
            case METHOD -> draft.method = pick(random, "PUT", "PATCH", "FOO", "PROPFIND", "TRACE", "post",
                    endpoint.method().equals("DELETE") ? "PUT" : "DELETE");
            case ROLE -> draft.caller = pick(random, List.copyOf(endpoint.refused()));
            case MALFORMED_URL -> draft.path = draft.path + pick(random, "%zz", "%", "%G1", "%E0%A4%A", "<", ">",
                    "\"", "{x}", "|", "\\", "^", "`", "/../../..", "%00", "%2e%2e/%2e%2e/etc");
            case MALFORMED_HEADERS -> draft.extraHeaders.add(Map.entry(pick(random, "Bad Header", "X-Big",
                    "Content-Length", "X-Nul", "X\u0000", "Transfer-Encoding"), new byte[0]));
            case MALFORMED_BODY_FRAMING -> draft.rawRequest = (draft.method + " " + path(draft) + " HTTP/1.1\r\n"
                    + "Host: x\r\nX-API-Key: " + keys.get(draft.caller) + "\r\nIdempotency-Key: " + uuid(random)
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n" + pick(random,
                            "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                            "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}",
                            "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                            "Content-Length: 0x2\r\n\r\n{}")).getBytes(UTF_8);
            case MALFORMED_REQUEST_LINE -> draft.rawRequest = pick(random,
                    draft.method + " " + path(draft) + " HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                    draft.method + " " + path(draft) + " HTTX/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    draft.method + "  " + path(draft) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    "G@T " + path(draft) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    draft.method + " " + path(draft) + " HTTP/1.1 extra\r\nHost: x\r\nConnection: close\r\n\r\n",
                    draft.method + " " + path(draft).replace("/api", "/a pi")
                            + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    "GET " + path(draft) + " HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n")
                    .getBytes(UTF_8);
        }
    }

    private static boolean applies(Defect defect, Endpoint endpoint) {
        boolean hasPathVariables = endpoint.path().contains("{");
        return switch (defect) {
            case CONTROL_CHARACTER, LONE_SURROGATE, TEXT_TOO_LONG, INVALID_UTF8, NOT_UTF8_JSON, TRAILING_DATA,
                 DUPLICATE_JSON_KEY, TRUNCATED_JSON, NOT_AN_OBJECT, DEEP_NESTING, HUGE_NUMBER, OVERSIZED_BODY,
                 UNKNOWN_FIELD, WRONG_TYPE, BAD_VALUE -> endpoint.takesBody();
            case MISSING_FIELD -> !endpoint.requiredFields().isEmpty();
            case MALFORMED_PATH_ID, UNKNOWN_PATH_ID -> hasPathVariables;
            // a body is only found malformed by whoever reads it: an endpoint that takes none never does
            case MALFORMED_BODY_FRAMING -> endpoint.takesBody();
            case MALFORMED_BODY_ID -> !endpoint.idFields().isEmpty();
            case UNKNOWN_BODY_ID -> !endpoint.refusedWhenUnknown().isEmpty();
            case MISSING_IDEMPOTENCY_KEY, MALFORMED_IDEMPOTENCY_KEY -> endpoint.needsIdempotencyKey();
            default -> true;
        };
    }

    // ---- writing the request ----

    private byte[] bytes(Draft draft) {
        if (draft.rawRequest != null) {
            return draft.rawRequest;
        }
        byte[] body = draft.body != null ? draft.body : draft.method.equals("DELETE")
                || (draft.fields.isEmpty() && draft.path.endsWith("/replay")) ? new byte[0] : json(draft.fields);
        body = draft.bodyTransform.apply(body);
        RawHttp.Request request = RawHttp.request(draft.method, path(draft));
        if (keys.containsKey(draft.caller)) {
            request.header("X-API-Key", keys.get(draft.caller));
        }
        for (String key : draft.idempotencyKeys) {
            request.header("Idempotency-Key", key);
        }
        if (draft.contentType != null && body.length > 0) {
            request.header("Content-Type", draft.contentType);
        }
        for (Map.Entry<String, byte[]> header : draft.extraHeaders) {
            switch (header.getKey()) {
                case "Bad Header" -> request.header("Bad Header", "y");
                case "X-Big" -> request.header("X-Big", "b".repeat(9_000));
                case "Content-Length" -> request.header("Content-Length", "-5");
                case "X-Nul" -> request.header("X-Nul", new byte[] {'a', 0, 'b'});
                case "Transfer-Encoding" -> request.header("Transfer-Encoding", "gzip, chunked, x");
                default -> request.header(header.getKey(), "v");
            }
        }
        return request.body(body).bytes();
    }

    private static String path(Draft draft) {
        String path = draft.path;
        for (Map.Entry<String, String> variable : draft.pathVariables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return path;
    }

    private static byte[] json(Map<String, byte[]> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{".getBytes(UTF_8));
        boolean first = true;
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            out.writeBytes(((first ? "" : ",") + "\"" + field.getKey() + "\":").getBytes(UTF_8));
            out.writeBytes(field.getValue());
            first = false;
        }
        out.writeBytes("}".getBytes(UTF_8));
        return out.toByteArray();
    }

    // ---- small generators ----

    private static final List<byte[]> INVALID_UTF8_SEQUENCES = List.of(
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                    (byte) 0x80});

    /** Generated from the seed, like everything else a request is made of. */
    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String textField(Endpoint endpoint, Random random) {
        return endpoint.textFields().isEmpty() ? pick(random, "reference", "label", "description", "reason")
                : pick(random, endpoint.textFields());
    }

    /** A control character, written as JSON allows it (an escape) or as a raw byte (which JSON does not allow). */
    private static String controlCharacter(Random random) {
        int c = random.nextInt(33);
        int code = c == 32 ? 0x7F : c;
        return random.nextInt(4) == 0 && code != 0x7F ? String.valueOf((char) code) : String.format("\\u%04x", code);
    }

    private static String printable(Random random, int min, int max) {
        String alphabet = "abcXYZ019 -_.:/é✓日本";
        StringBuilder text = new StringBuilder();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static byte[] jsonString(String escapedContent) {
        return ("\"" + escapedContent + "\"").getBytes(UTF_8);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static Map<String, String> fields(String... namesAndLiterals) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndLiterals.length; i += 2) {
            fields.put(namesAndLiterals[i], namesAndLiterals[i + 1]);
        }
        return fields;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r\n", " ⏎ ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…(" + oneLine.length() + ")";
    }
}
