package dev.ledger.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.Segment;

/** A small HTTP client for the ledger's API, used by the integration tests the way a REST client would. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        public String code() {
            return text("code");
        }
    }

    public Response get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), apiKey, null);
    }

    public Response delete(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), apiKey, null);
    }

    /** A POST with a fresh idempotency key. */
    public Response post(String path, String apiKey, String body) {
        return post(path, apiKey, UUID.randomUUID().toString(), body);
    }

    public Response post(String path, String apiKey, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, apiKey, null);
    }

    public Response send(HttpRequest.Builder request, String apiKey, Map<String, String> headers) {
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        if (headers != null) {
            headers.forEach(request::header);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ---- the steps most tests start with ----

    /** Creates a client key for this user id and returns the key. */
    public String clientKey(String adminKey, String userId) {
        Response created = post("/api/admin/api-keys", adminKey, null,
                "{\"role\":\"client\",\"userId\":\"" + userId + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create a client key: " + created);
        }
        return created.text("key");
    }

    public String keyWithRole(String adminKey, String role) {
        Response created = post("/api/admin/api-keys", adminKey, null, "{\"role\":\"" + role + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create a key: " + created);
        }
        return created.text("key");
    }

    /** Opens a wallet for the client and returns its id. */
    public String openWallet(String clientKey, String currency) {
        Response opened = post("/api/wallets", clientKey, "{\"currency\":\"" + currency + "\"}");
        if (opened.status() != 201) {
            throw new AssertionError("could not open a wallet: " + opened);
        }
        return opened.text("walletId");
    }

    /**
     * Opens wallets for the client until one falls into {@code segment} of a projection split into
     * {@code segmentCount} segments (the projections sequence their events per aggregate id), and returns its id.
     */
    public String openWalletInSegment(String clientKey, int segment, int segmentCount) {
        Segment wanted = Segment.computeSegment(segment, IntStream.range(0, segmentCount).toArray());
        for (int attempt = 0; attempt < 16 * segmentCount; attempt++) {
            String wallet = openWallet(clientKey, "USD");
            if (wanted.matches(wallet)) {
                return wallet;
            }
        }
        throw new AssertionError("no wallet fell into segment " + segment);
    }

    public Response deposit(String adminKey, String walletId, String amount) {
        Response deposited = post("/api/wallets/" + walletId + "/deposits", adminKey,
                "{\"amount\":\"" + amount + "\"}");
        if (deposited.status() != 201) {
            throw new AssertionError("could not deposit: " + deposited);
        }
        return deposited;
    }
}
