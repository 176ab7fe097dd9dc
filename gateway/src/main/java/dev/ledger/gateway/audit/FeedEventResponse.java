package dev.ledger.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One event of the global feed (API.md §7): an aggregate's event and its position among all events. */
public record FeedEventResponse(long position, String aggregateType, String aggregateId, long sequence, String type,
                                String revision, JsonNode payload, EventMetadataResponse metadata,
                                Instant occurredAt) {
}
