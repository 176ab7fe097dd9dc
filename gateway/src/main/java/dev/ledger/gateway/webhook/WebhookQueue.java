package dev.ledger.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.SourceId;

/**
 * Fills the delivery queue from the event store. It is an event handler of its own processing group
 * ({@value #PROCESSING_GROUP}, a pooled streaming processor), so what it writes — the deliveries of an event and the
 * fold's resources — commits in the same transaction that advances its token: an event is queued exactly once,
 * whatever crashes, and never from memory. Sending is someone else's job ({@link WebhookDispatcher}), on other
 * threads: a slow receiver never holds up this processor, the read models or a command.
 *
 * <p>One segment: a transfer's events come from two wallets, and the fold needs them in commit order.
 */
@ProcessingGroup(WebhookQueue.PROCESSING_GROUP)
class WebhookQueue {

    static final String PROCESSING_GROUP = "webhooks";

    private final ResourceFold fold;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookQueue(ResourceFold fold, WebhookEndpoints endpoints, WebhookDeliveries deliveries, ObjectMapper json,
                 Clock clock) {
        this.fold = fold;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @EventHandler
    void on(Object event, @SourceId String aggregateId, @SequenceNumber long sequence,
            @Timestamp Instant occurredAt, TrackingToken token) {
        Optional<ResourceChange> change = fold.apply(event, sequence);
        if (change.isEmpty()) {
            return;
        }
        long position = token.position().orElseThrow(
                () -> new IllegalStateException("a stored event always has a position in the feed"));
        ResourceChange what = change.get();
        String payload = null;
        for (WebhookEndpoints.Subscriber subscriber : endpoints.subscribers(position)) {
            if (!EventTypes.matches(subscriber.eventTypes(), what.type())) {
                continue;
            }
            if (payload == null) {
                payload = body(new WebhookEvent(Long.toString(position), what.type(), occurredAt,
                        what.aggregateType(), what.aggregateId(), what.data()));
            }
            // ordered by the event-sourced aggregate the event belongs to: a hold's events keep their order with
            // the rest of its wallet's
            deliveries.enqueue(subscriber.webhookId(), Long.toString(position), what.type(), aggregateId, payload,
                    clock.instant());
        }
    }

    private String body(WebhookEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook body always serializes", e);
        }
    }
}
