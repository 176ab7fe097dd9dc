package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What registering a webhook refuses, with the service's defaults (private addresses not allowed), and who may. */
class WebhookValidationIT extends IntegrationTest {

    @Test
    void urlsReachingIntoTheServicesOwnNetworkAreRefused() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://172.16.5.5/hook",
                "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/hook", "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook", "http://100.64.0.1/hook")) {
            Response refused = register("{\"url\":\"" + url + "\",\"eventTypes\":[\"*\"]}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(fields(refused)).as(url).containsExactly("url");
            assertThat(refused.body()).as(url).contains("private");
        }
    }

    @Test
    void onlyHttpUrlsWithoutCredentialsAreTaken() {
        for (String url : List.of("ftp://example.com/hook", "file:///etc/passwd", "example.com/hook",
                "https://user:password@example.com/hook", "javascript:alert(1)", "https://", "not a url",
                "https://example.com/" + "x".repeat(2048))) {
            Response refused = register("{\"url\":\"" + url + "\",\"eventTypes\":[\"*\"]}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation-failed");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(fields(refused)).as(url).containsExactly("url");
        }
    }

    @Test
    void eventTypesMustBeKnownTypesOrWildcards() {
        for (String types : List.of("[]", "[\"wallet.created\"]", "[\"wallets.*\"]", "[\"wallet*\"]",
                "[\"*.opened\"]", "\"wallet.opened\"", "[1]", "null")) {
            Response refused = register("{\"url\":\"https://203.0.113.10/hook\",\"eventTypes\":" + types + "}");
            assertThat(refused.status()).as(types).isEqualTo(400);
            assertThat(fields(refused)).as(types).allMatch(field -> field.startsWith("eventTypes"));
        }
        Response missing = register("{\"url\":\"https://203.0.113.10/hook\"}");
        assertThat(fields(missing)).containsExactly("eventTypes");
    }

    @Test
    void everyProblemIsNamedInOneAnswer() {
        Response refused = register("{\"url\":\"gopher://x\",\"eventTypes\":[\"nope\"],\"description\":\"a\\u0000b\","
                + "\"secret\":\"mine\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("secret", "url", "eventTypes", "description");
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String client = api.clientKey(ADMIN_KEY, newUser("curious"));
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        String body = "{\"url\":\"https://203.0.113.10/hook\",\"eventTypes\":[\"*\"]}";

        assertThat(api.post("/api/admin/webhooks", null, null, body).code()).isEqualTo("unauthenticated");
        assertThat(api.post("/api/admin/webhooks", client, null, body).code()).isEqualTo("forbidden");
        assertThat(api.post("/api/admin/webhooks", auditor, null, body).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/admin/webhooks", auditor).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/webhooks", "lk_nobody").status()).isEqualTo(401);
    }

    @Test
    void unknownWebhooksAndDeliveriesAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        for (Response response : List.of(api.get("/api/admin/webhooks/" + unknown, ADMIN_KEY),
                api.get("/api/admin/webhooks/not-an-id", ADMIN_KEY),
                api.post("/api/admin/webhooks/" + unknown + "/disable", ADMIN_KEY, null),
                api.post("/api/admin/webhooks/" + unknown + "/enable", ADMIN_KEY, null),
                api.post("/api/admin/webhooks/" + unknown + "/rotate-secret", ADMIN_KEY, null),
                api.post("/api/admin/webhooks/" + unknown + "/test", ADMIN_KEY, null),
                api.get("/api/admin/webhooks/" + unknown + "/deliveries", ADMIN_KEY),
                api.post("/api/admin/webhooks/" + unknown + "/deliveries/" + unknown + "/redeliver", ADMIN_KEY, null),
                api.delete("/api/admin/webhooks/" + unknown, ADMIN_KEY))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("not-found");
        }
    }

    @Test
    void aPublicHttpsEndpointIsRegistered() {
        Response created = register("{\"url\":\"https://203.0.113.10/ledger-hooks?tenant=7\","
                + "\"eventTypes\":[\"escrow.*\",\"transfer.completed\",\"escrow.*\"],\"description\":\"orders\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("eventTypes").toString()).isEqualTo("[\"escrow.*\",\"transfer.completed\"]");
        assertThat(created.text("description")).isEqualTo("orders");
        assertThat(api.delete("/api/admin/webhooks/" + created.text("webhookId"), ADMIN_KEY).status()).isEqualTo(204);
    }

    @Test
    void theWebhookEndpointsAreInTheOpenApiDescription() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        for (String path : List.of("/api/admin/webhooks", "/api/admin/webhooks/{webhookId}",
                "/api/admin/webhooks/{webhookId}/disable", "/api/admin/webhooks/{webhookId}/enable",
                "/api/admin/webhooks/{webhookId}/rotate-secret", "/api/admin/webhooks/{webhookId}/test",
                "/api/admin/webhooks/{webhookId}/deliveries",
                "/api/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    private Response register(String body) {
        return api.post("/api/admin/webhooks", ADMIN_KEY, null, body);
    }

    private static List<String> fields(Response refused) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = refused.json().get("errors");
        if (errors != null) {
            errors.forEach(error -> fields.add(error.get("field").asText()));
        }
        return fields;
    }
}
