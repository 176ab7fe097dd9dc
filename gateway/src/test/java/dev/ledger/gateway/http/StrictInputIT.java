package dev.ledger.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reproductions of issue 10's lax input (API.md §1 <em>Text</em>, <em>Errors</em>): each is refused with a
 * problem, and a refused request records nothing — the same Idempotency-Key then works for a good request.
 */
class StrictInputIT extends IntegrationTest {

    private static final String NUL = "\\u0000";

    @LocalServerPort
    private int port;

    private RawHttp raw;
    private String alice;
    private String wallet;

    @BeforeEach
    void aWalletWithMoney() {
        raw = new RawHttp(port);
        alice = api.clientKey(ADMIN_KEY, newUser("alice"));
        wallet = api.openWallet(alice, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");
    }

    // ---- text ----

    @Test
    void aNulInADepositReferenceIsRefusedAndTheJournalKeepsGoing() {
        String key = "nul-" + UUID.randomUUID();

        Response refused = api.post(deposits(), ADMIN_KEY, key,
                "{\"amount\":\"1.00\",\"reference\":\"x" + NUL + "y\"}");

        assertValidationFailed(refused, "reference");
        // nothing was recorded, under the key or on the wallet: the key is free for the request the client meant
        assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"1.00\",\"reference\":\"xy\"}"), 3);
        // and the journal, which a NUL used to stop for good, shows it
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(
                api.get("/api/wallets/" + wallet + "/entries", alice).json().get("items").get(0).get("reference")
                        .asText()).isEqualTo("xy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {NUL, "\\u001f", "\\u007f", "\\n", "\\ud800", "\\udc00x", "\\ude00\\ud83d"})
    void aWalletLabelWithAControlCharacterOrALoneSurrogateOpensNoWallet(String escaped) {
        String key = "label-" + UUID.randomUUID();

        Response refused = api.post("/api/wallets", alice, key,
                "{\"currency\":\"USD\",\"label\":\"a" + escaped + "b\"}");

        assertValidationFailed(refused, "label");
        // had a wallet been opened under the key, this would be its replay, or 422 for another body
        assertFirstAnswer(api.post("/api/wallets", alice, key, "{\"currency\":\"USD\",\"label\":\"ab\"}"), 1);
    }

    @Test
    void textLongerThan255CharactersIsRefusedAndAnEmojiIsWelcome() {
        assertValidationFailed(api.post("/api/wallets", alice, "{\"currency\":\"USD\",\"label\":\"" + "x".repeat(256)
                + "\"}"), "label");
        assertValidationFailed(api.post(deposits(), ADMIN_KEY, "{\"amount\":\"1.00\",\"reference\":\""
                + "x".repeat(256) + "\"}"), "reference");
        Response emoji = api.post("/api/wallets", alice,
                "{\"currency\":\"USD\",\"label\":\"piggy bank \uD83D\uDC37\"}");
        assertThat(emoji.status()).as(emoji.body()).isEqualTo(201);
        assertThat(emoji.text("label")).isEqualTo("piggy bank \uD83D\uDC37");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x" + NUL + "y", "\\ud800", "\\udfff-alone", " ", "\\u00a0"})
    void anApiKeysUserIdMustBeWellFormedText(String escaped) {
        Response refused = api.post("/api/admin/api-keys", ADMIN_KEY, null,
                "{\"role\":\"client\",\"userId\":\"" + escaped + "\"}");

        assertValidationFailed(refused, "userId");
    }

    @Test
    void anApiKeysUserIdIsAtMost255Characters() {
        assertValidationFailed(api.post("/api/admin/api-keys", ADMIN_KEY, null,
                "{\"role\":\"client\",\"userId\":\"" + "u".repeat(256) + "\"}"), "userId");
        assertThat(api.post("/api/admin/api-keys", ADMIN_KEY, null,
                "{\"role\":\"client\",\"userId\":\"" + "u".repeat(255) + "\"}").status()).isEqualTo(201);
    }

    @Test
    void anOwnerFilterWithANulIsAValidationErrorNotADatabaseError() {
        assertValidationFailed(api.get("/api/wallets?ownerId=a%00b", ADMIN_KEY), "ownerId");
    }

    // ---- media types ----

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "application/jsonx",
            "not a media type"})
    void aBodyThatIsNotDeclaredJsonIsUnsupported(String contentType) {
        String key = "type-" + UUID.randomUUID();

        Response refused = postWith(deposits(), Map.of("Content-Type", contentType, "Idempotency-Key", key),
                "{\"amount\":\"1.00\"}");

        assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 415, "unsupported-media-type");
        assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"2.00\"}"), 3);
    }

    @Test
    void aBodyWithoutContentTypeIsUnsupported() {
        String key = "none-" + UUID.randomUUID();

        Response refused = postWith(deposits(), Map.of("Idempotency-Key", key), "{\"amount\":\"1.00\"}");

        assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 415, "unsupported-media-type");
        assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"2.00\"}"), 3);
    }

    @Test
    void jsonInUtf8IsWelcomeAndACommandWithoutFieldsNeedsNoBodyAtAll() {
        Response utf8 = postWith(deposits(), Map.of("Content-Type", "application/json; charset=utf-8",
                "Idempotency-Key", UUID.randomUUID().toString()), "{\"amount\":\"1.00\"}");
        assertThat(utf8.status()).as(utf8.body()).isEqualTo(201);

        Response frozen = postWith("/api/wallets/" + wallet + "/freeze",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), null);
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        assertThat(frozen.text("status")).isEqualTo("FROZEN");
    }

    // ---- one JSON document, one key ----

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":\"1.00\"}}", "{\"amount\":\"1.00\"} {\"amount\":\"2.00\"}",
            "{\"amount\":\"1.00\"}x", "{\"amount\":\"1.00\",\"amount\":\"2.00\"}",
            "{\"amount\":\"1.00\",\"reference\":\"a\",\"reference\":\"a\"}"})
    void trailingDataAndDuplicateKeysAreRefused(String body) {
        String key = "json-" + UUID.randomUUID();

        assertValidationFailed(api.post(deposits(), ADMIN_KEY, key, body), "body");
        assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"3.00\"}"), 3);
    }

    @Test
    void invalidUtf8IsRefusedEvenWhereADecoderWouldGuessACharacter() {
        // C0 AF is an overlong '/'; ED A0 80 an encoded lone surrogate; FF is never UTF-8
        String key = "utf8-" + UUID.randomUUID();
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}}) {
            RawHttp.Response refused = raw.send(RawHttp.request("POST", deposits())
                    .header("X-API-Key", ADMIN_KEY).header("Idempotency-Key", key)
                    .header("Content-Type", "application/json")
                    .body(concat("{\"amount\":\"1.00\",\"reference\":\"a".getBytes(UTF_8), bad,
                            "\"}".getBytes(UTF_8))));

            assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 400, "validation-failed");
        }
        assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"1.00\",\"reference\":\"a/\"}"), 3);
    }

    @Test
    void twoIdempotencyKeyHeadersAreRefusedAndNeitherKeyIsUsed() {
        RawHttp.Response refused = raw.send(RawHttp.request("POST", deposits())
                .header("X-API-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .header("Idempotency-Key", "one-" + wallet).header("Idempotency-Key", "two-" + wallet)
                .body("{\"amount\":\"1.00\"}"));

        assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 400, "validation-failed");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        // neither key, nor the two joined, was used
        long version = 3;
        for (String key : new String[] {"one-" + wallet, "two-" + wallet, "one-" + wallet + ",two-" + wallet}) {
            assertFirstAnswer(api.post(deposits(), ADMIN_KEY, key, "{\"amount\":\"4.00\"}"), version++);
        }
    }

    // ---- instants ----

    @ParameterizedTest
    @ValueSource(strings = {"%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z"})
    void anInstantTheServiceCannotStoreIsAValidationError(String asOf) {
        assertValidationFailed(api.get("/api/wallets/" + wallet + "/balance?asOf=" + asOf, alice), "asOf");
        assertValidationFailed(api.get("/api/wallets/" + wallet + "/entries?from=" + asOf, alice), "from");
    }

    @Test
    void aForgedCursorAtTheEndOfTimeIsNotOneThisApiIssued() {
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("+999999999-12-31T23:59:59Z|" + wallet).getBytes(UTF_8));

        assertValidationFailed(api.get("/api/wallets?cursor=" + cursor, ADMIN_KEY), "cursor");
        assertValidationFailed(api.get("/api/escrows?cursor=" + cursor, ADMIN_KEY), "cursor");
        assertValidationFailed(api.get("/api/admin/api-keys?cursor=" + cursor, ADMIN_KEY), "cursor");
    }

    // ---- what the servlet container answers itself ----

    @ParameterizedTest
    @ValueSource(strings = {"/api/wallets/%zz", "/api/wallets/%", "/api/wallets/%E0%A4%A", "/api/wal<lets",
            "/api/wallets/\"x\"", "/api/wallets/%00", "/api/../../etc/passwd"})
    void aUrlTheContainerCannotDecodeIsAProblem(String target) {
        RawHttp.Response refused = raw.send(RawHttp.request("GET", target).header("X-API-Key", ADMIN_KEY));

        assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 400, "validation-failed");
    }

    @Test
    void anUnknownMethodIsAProblem() {
        RawHttp.Response unknown = raw.send(RawHttp.request("FOO", "/api/wallets").header("X-API-Key", ADMIN_KEY));
        assertProblem(unknown.status(), unknown.header("Content-Type"), unknown.json(), 405, "method-not-allowed");

        RawHttp.Response illegal = raw.send(RawHttp.request("G@T", "/api/wallets").header("X-API-Key", ADMIN_KEY));
        assertProblem(illegal.status(), illegal.header("Content-Type"), illegal.json(), 400, "validation-failed");
    }

    @Test
    void requestLinesAndHeadersTheContainerCannotParseAreProblems() {
        for (String request : new String[] {
                "GET /api/wallets HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/wallets HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n",
                "GET /api/wallets HTTP/1.1\r\nHost: x\r\nX-API-Key: a\u0000b\r\nConnection: close\r\n\r\n",
                "POST /api/wallets HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\nConnection: close\r\n\r\n",
                "POST /api/wallets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
                "GET /api/wallets HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"}) {
            RawHttp.Response refused = raw.send(request.getBytes(UTF_8));

            assertProblem(refused.status(), refused.header("Content-Type"), refused.json(), 400, "validation-failed");
        }
    }

    // ---- helpers ----

    private String deposits() {
        return "/api/wallets/" + wallet + "/deposits";
    }

    /**
     * The request ran for the first time (not a replay of anything recorded under its key), and the wallet it acted
     * on reached this version with it: nothing refused before had added an event.
     */
    private static void assertFirstAnswer(Response response, long version) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
        assertThat(response.json().get("version").asLong()).isEqualTo(version);
    }

    private Response postWith(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return api.send(request, ADMIN_KEY, headers);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static void assertValidationFailed(Response response, String field) {
        assertProblem(response.status(), response.header("Content-Type"), response.json(), 400, "validation-failed");
        assertThat(response.json().get("errors").findValuesAsText("field")).as(response.body()).contains(field);
    }

    private static void assertProblem(int status, String contentType, JsonNode body, int expectedStatus, String code) {
        assertThat(status).as(body.toString()).isEqualTo(expectedStatus);
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(body.get("type").asText()).isEqualTo("https://ledger.dev/problems/" + code);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(body.get("code").asText()).isEqualTo(code);
    }
}
