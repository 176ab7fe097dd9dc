package dev.ledger.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.access.Role;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.FreeText;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.QueryParams;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.problem.RequestValidation;
import dev.ledger.query.page.Keyset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints and their deliveries (API.md §10), for admins only. */
@RestController
@RequestMapping(path = "/api/admin/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks", description = """
        Every change of the subscribed types is POSTed to the endpoint, signed (Ledger-Webhook-Signature: \
        v1=hex(HMAC-SHA256(secret, timestamp + "." + body))), at least once, in order per aggregate, retried with \
        exponential backoff for 25 hours. An endpoint receives the changes committed after it was registered. \
        URLs resolving to loopback or private addresses are refused unless LEDGER_WEBHOOKS_ALLOW_PRIVATE=true.""")
public class WebhookController {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_EVENT_TYPES = 50;

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final EndpointAddresses addresses;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, EndpointAddresses addresses,
                      ObjectMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.json = json;
        this.clock = clock;
    }

    record RegisterWebhook(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                           @WebhookUrl String url,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                           @EventTypeFilters List<String> eventTypes,
                           @FreeText String description) {
    }

    public record WebhookResponse(String webhookId, String url, List<String> eventTypes, String description,
                                  String status, Instant createdAt, Instant updatedAt) {

        static WebhookResponse of(WebhookEndpoints.Endpoint endpoint) {
            return new WebhookResponse(endpoint.webhookId(), endpoint.url(), endpoint.eventTypes(),
                    endpoint.description(), endpoint.status().name(), endpoint.createdAt(), endpoint.updatedAt());
        }
    }

    /** The only response that carries the secret. */
    public record RegisteredWebhook(String webhookId, String url, List<String> eventTypes, String description,
                                    String status, String secret, Instant createdAt) {
    }

    public record SecretResponse(String secret) {
    }

    public record DeliveryResponse(String deliveryId, String eventId, String type, String status, int attempts,
                                   Integer lastStatusCode, String lastError, Instant nextAttemptAt,
                                   Instant createdAt, Instant deliveredAt) {

        static DeliveryResponse of(WebhookDeliveries.Delivery delivery) {
            return new DeliveryResponse(delivery.deliveryId(), delivery.eventId(), delivery.type(),
                    delivery.status().name(), delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
                    delivery.status() == DeliveryStatus.PENDING ? delivery.nextAttemptAt() : null,
                    delivery.createdAt(), delivery.deliveredAt());
        }
    }

    @PostMapping
    @ApiContract(status = 201)
    @Operation(operationId = "registerWebhook",
            summary = "Register an endpoint (admin); the signing secret is shown only in this response")
    public ResponseEntity<RegisteredWebhook> register(Caller caller, @Valid @RequestBody RegisterWebhook body) {
        requireAdmin(caller);
        String url = body.url();
        List<String> eventTypes = List.copyOf(new LinkedHashSet<>(body.eventTypes()));
        String description = body.description();
        WebhookEndpoints.Registered registered = endpoints.register(url, eventTypes, description);
        WebhookEndpoints.Endpoint endpoint = registered.endpoint();
        return ResponseEntity.status(HttpStatus.CREATED).body(new RegisteredWebhook(endpoint.webhookId(),
                endpoint.url(), endpoint.eventTypes(), endpoint.description(), endpoint.status().name(),
                registered.secret(), endpoint.createdAt()));
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "List the endpoints, oldest first (admin); never their secrets")
    public PageResponse<WebhookResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor) {
        requireAdmin(caller);
        int pageSize = PageLimit.of(limit);
        Instant afterCreatedAt = null;
        String afterId = null;
        if (cursor != null) {
            List<String> after = Keyset.decode(cursor, 2);
            try {
                afterCreatedAt = Instant.parse(after.get(0));
            } catch (DateTimeParseException e) {
                throw Keyset.invalidCursor();
            }
            afterId = after.get(1);
        }
        List<WebhookEndpoints.Endpoint> rows = endpoints.list(afterCreatedAt, afterId, pageSize + 1);
        if (rows.size() <= pageSize) {
            return PageResponse.of(rows, null, WebhookResponse::of);
        }
        List<WebhookEndpoints.Endpoint> page = rows.subList(0, pageSize);
        WebhookEndpoints.Endpoint last = page.get(page.size() - 1);
        return PageResponse.of(page, Keyset.encode(last.createdAt(), last.webhookId()), WebhookResponse::of);
    }

    @GetMapping("/{webhookId}")
    @Operation(operationId = "getWebhook", summary = "One endpoint (admin); never its secret")
    public WebhookResponse get(Caller caller, @PathVariable String webhookId) {
        requireAdmin(caller);
        return WebhookResponse.of(existing(webhookId));
    }

    @PostMapping("/{webhookId}/disable")
    @Operation(operationId = "disableWebhook",
            summary = "Stop queueing deliveries for the endpoint (admin); what it has queued waits until enabled")
    public WebhookResponse disable(Caller caller, @PathVariable String webhookId) {
        return setStatus(caller, webhookId, WebhookStatus.DISABLED);
    }

    @PostMapping("/{webhookId}/enable")
    @Operation(operationId = "enableWebhook",
            summary = "Queue deliveries for the endpoint again (admin), from the next change on")
    public WebhookResponse enable(Caller caller, @PathVariable String webhookId) {
        return setStatus(caller, webhookId, WebhookStatus.ENABLED);
    }

    @DeleteMapping("/{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Delete the endpoint and its deliveries (admin)")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String webhookId) {
        requireAdmin(caller);
        if (!endpoints.delete(PathIds.require(webhookId, "webhook"))) {
            throw LedgerException.notFound("webhook " + webhookId);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{webhookId}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "A new signing secret, shown only here (admin); for 24 hours deliveries are signed with both")
    public SecretResponse rotateSecret(Caller caller, @PathVariable String webhookId) {
        requireAdmin(caller);
        return endpoints.rotateSecret(PathIds.require(webhookId, "webhook")).map(SecretResponse::new)
                .orElseThrow(() -> LedgerException.notFound("webhook " + webhookId));
    }

    @PostMapping("/{webhookId}/test")
    @ApiContract(status = 202)
    @Operation(operationId = "testWebhook",
            summary = "Queue one ping delivery to the endpoint (admin): 202 with the delivery")
    public ResponseEntity<DeliveryResponse> test(Caller caller, @PathVariable String webhookId) {
        requireAdmin(caller);
        WebhookEndpoints.Endpoint endpoint = existing(webhookId);
        Instant now = clock.instant();
        // a ping is no event of the ledger, so it has no feed position: its id only has to be unique
        String eventId = "ping_" + UUID.randomUUID();
        String payload = body(new WebhookEvent(eventId, EventTypes.PING, now, "webhook", endpoint.webhookId(),
                WebhookResponse.of(endpoint)));
        String deliveryId = deliveries.enqueue(endpoint.webhookId(), eventId, EventTypes.PING,
                "webhook:" + endpoint.webhookId(), payload, now);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(delivery(endpoint.webhookId(), deliveryId));
    }

    @GetMapping("/{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries",
            summary = "The endpoint's deliveries, newest first (admin), optionally of one status")
    public PageResponse<DeliveryResponse> deliveries(Caller caller, @PathVariable String webhookId,
                                                     @RequestParam(required = false) String status,
                                                     @RequestParam(required = false) Integer limit,
                                                     @RequestParam(required = false) String cursor) {
        requireAdmin(caller);
        RequestValidation validation = new RequestValidation();
        DeliveryStatus wanted = QueryParams.oneOf(status, DeliveryStatus.class, "status", validation);
        validation.throwIfInvalid();
        int pageSize = PageLimit.of(limit);
        Long beforeSeq = cursor == null ? null : Keyset.decodeLong(cursor);
        String id = existing(webhookId).webhookId();
        List<WebhookDeliveries.Delivery> rows = deliveries.list(id, wanted, beforeSeq, pageSize + 1);
        if (rows.size() <= pageSize) {
            return PageResponse.of(rows, null, DeliveryResponse::of);
        }
        List<WebhookDeliveries.Delivery> page = rows.subList(0, pageSize);
        return PageResponse.of(page, Keyset.encode(page.get(page.size() - 1).seq()), DeliveryResponse::of);
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @ApiContract(status = 202)
    @Operation(operationId = "redeliverWebhookDelivery",
            summary = "Queue the delivery's event again, same eventId and body (admin): 202 with the new delivery")
    public ResponseEntity<DeliveryResponse> redeliver(Caller caller, @PathVariable String webhookId,
                                                      @PathVariable String deliveryId) {
        requireAdmin(caller);
        String id = existing(webhookId).webhookId();
        return deliveries.redeliver(id, PathIds.require(deliveryId, "delivery"), clock.instant())
                .map(copy -> ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(copy)))
                .orElseThrow(() -> LedgerException.notFound("delivery " + deliveryId));
    }

    private WebhookResponse setStatus(Caller caller, String webhookId, WebhookStatus status) {
        requireAdmin(caller);
        return endpoints.setStatus(PathIds.require(webhookId, "webhook"), status).map(WebhookResponse::of)
                .orElseThrow(() -> LedgerException.notFound("webhook " + webhookId));
    }

    private WebhookEndpoints.Endpoint existing(String webhookId) {
        return endpoints.find(PathIds.require(webhookId, "webhook"))
                .orElseThrow(() -> LedgerException.notFound("webhook " + webhookId));
    }

    private DeliveryResponse delivery(String webhookId, String deliveryId) {
        return deliveries.find(webhookId, deliveryId).map(DeliveryResponse::of)
                .orElseThrow(() -> new IllegalStateException("a delivery just queued is there"));
    }

    private String body(WebhookEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook body always serializes", e);
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.is(Role.ADMIN)) {
            throw LedgerException.forbidden("only an admin manages webhooks");
        }
    }
}
