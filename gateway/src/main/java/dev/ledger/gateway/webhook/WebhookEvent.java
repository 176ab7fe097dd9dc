package dev.ledger.gateway.webhook;

import java.time.Instant;

/** The body of a delivery (API.md §10); {@code eventId} is the event's feed position, also its Ledger-Webhook-Id. */
record WebhookEvent(String eventId, String type, Instant occurredAt, String aggregateType, String aggregateId,
                    Object data) {
}
