package dev.ledger.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The OpenAPI document as the contract (docs/adr/017), read from the running service. It is also exported here to
 * {@code target/openapi.json}, where CI lints it ({@code openapi/lint.sh}) and the {@code client-test} module
 * generates a client from it.
 */
// the test context also holds test-only endpoints (FailingMeteredEndpoint): they are not part of the contract
@TestPropertySource(properties = {"ledger.openapi.server-url=https://ledger.internal:8443",
        "springdoc.paths-to-exclude=/api/test/**"})
class OpenApiContractIT extends IntegrationTest {

    static final Path EXPORTED = Path.of("target", "openapi.json");

    private JsonNode document;

    @BeforeEach
    void fetchAndExport() throws IOException {
        Api.Response served = api.get("/v3/api-docs", null);
        assertThat(served.status()).as("%s", served).isEqualTo(200);
        Files.writeString(EXPORTED, served.body(), StandardCharsets.UTF_8);
        document = served.json();
    }

    @Test
    void everyOperationHasAStableIdAndAnswersProblemsForItsErrors() {
        List<String> ids = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            ids.add(operation.getValue().get("operationId").asText());
            assertThat(responses.get("401").get("content").get("application/problem+json").get("schema")
                    .get("$ref").asText()).as(path.getKey()).isEqualTo("#/components/schemas/Problem");
        }));
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][A-Za-z]+"), "camelCase, no suffix")
                .contains("openWallet", "getWallet", "listWallets", "deposit", "withdraw", "placeHold",
                        "captureHold", "voidHold", "createTransfer", "createEscrow", "fundEscrow", "entriesCsv");
    }

    @Test
    void commandsAnswerTheirRealStatusWithTheirHeadersAndRequireTheirKey() {
        JsonNode open = operation("/api/wallets", "post");
        assertThat(open.get("responses").has("200")).isFalse();
        assertThat(open.get("responses").get("201").get("headers").has("Location")).isTrue();
        assertThat(open.get("responses").get("201").get("headers").has("Idempotent-Replayed")).isTrue();
        assertThat(open.get("requestBody").get("required").asBoolean()).isTrue();
        assertThat(parameter("IdempotencyKey").get("required").asBoolean()).isTrue();
        assertThat(open.get("parameters").findValuesAsText("$ref"))
                .containsExactly("#/components/parameters/IdempotencyKey");

        JsonNode withdraw = operation("/api/wallets/{walletId}/withdrawals", "post");
        assertThat(withdraw.get("responses").get("422").get("description").asText())
                .contains("insufficient-funds", "idempotency-key-reused");
        assertThat(withdraw.get("responses").get("404")).isNotNull();

        JsonNode capture = operation("/api/wallets/{walletId}/holds/{holdId}/capture", "post");
        assertThat(capture.get("requestBody").get("required").asBoolean()).as("a capture's body is optional").isFalse();
        assertThat(operation("/api/transfers", "post").get("responses").has("202")).isTrue();
        assertThat(operation("/api/admin/api-keys/{keyId}", "delete").get("responses").has("204")).isTrue();
        JsonNode echo = operation("/api/echo", "get");
        assertThat(echo.get("parameters").findValuesAsText("$ref")).as("a metered call's key is optional")
                .containsExactly("#/components/parameters/IdempotencyKeyOptional");
        assertThat(echo.get("responses").get("402").get("description").asText())
                .contains("insufficient-credits", "no-billing-wallet");
        assertThat(operation("/api/wallets/{walletId}", "get").get("responses").get("503").get("description")
                .asText()).contains("read-model-behind");
    }

    @Test
    void theProblemSchemaNamesEveryErrorCode() {
        JsonNode problem = document.get("components").get("schemas").get("Problem");
        List<String> codes = new ArrayList<>();
        problem.get("properties").get("code").get("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
        assertThat(problem.get("required").toString()).contains("type", "title", "status", "detail", "code");
    }

    @Test
    void fieldsFollowTheConventionsAndStreamsAreDescribedAsWhatTheyAre() {
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.has("SseEmitter")).isFalse();
        assertThat(schemas.has("StreamingResponseBody")).isFalse();
        JsonNode wallet = schemas.get("WalletResponse");
        assertThat(wallet.get("properties").get("balance").get("pattern").asText()).isEqualTo("^[0-9]+(\\.[0-9]+)?$");
        assertThat(wallet.get("properties").get("walletId").get("format").asText()).isEqualTo("uuid");
        assertThat(wallet.get("properties").get("status").get("enum").toString()).contains("ACTIVE", "FROZEN");
        assertThat(wallet.get("required").size()).isEqualTo(wallet.get("properties").size());
        assertThat(operation("/api/wallets/{walletId}/entries.csv", "get").get("responses").get("200").get("content")
                .get("text/csv").get("schema").get("type").asText()).isEqualTo("string");
        assertThat(operation("/api/stream", "get").get("responses").get("200").get("content")
                .get("text/event-stream").get("schema").get("type").asText()).isEqualTo("string");
        assertThat(operation("/api/wallets", "get").get("parameters").findParents("name").stream()
                .filter(p -> p.get("name").asText().equals("status")).findFirst().orElseThrow()
                .get("schema").get("enum").toString()).contains("ACTIVE", "CLOSED");
    }

    @Test
    void theServerComesFromConfigurationNotFromTheCallersHost() {
        assertThat(document.get("servers").findValuesAsText("url")).containsExactly("https://ledger.internal:8443");
    }

    @Test
    void aCaptureWithTheJsonNullBodyOfAGeneratedClientCapturesTheWholeHold() {
        String user = newUser("openapi");
        String client = api.clientKey(ADMIN_KEY, user);
        String wallet = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, wallet, "10.00");
        Api.Response hold = api.post("/api/wallets/" + wallet + "/holds", client, "{\"amount\":\"4.00\"}");
        assertThat(hold.status()).as("%s", hold).isEqualTo(201);

        Api.Response captured = api.post("/api/wallets/" + wallet + "/holds/" + hold.text("holdId") + "/capture",
                client, "null");

        assertThat(captured.status()).as("%s", captured).isEqualTo(200);
        assertThat(captured.json().get("capturedAmount").asText()).isEqualTo("4.00");
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = document.get("paths").path(path).get(method);
        assertThat(operation).as("%s %s", method, path).isNotNull();
        return operation;
    }

    private JsonNode parameter(String name) {
        return document.get("components").get("parameters").get(name);
    }
}
