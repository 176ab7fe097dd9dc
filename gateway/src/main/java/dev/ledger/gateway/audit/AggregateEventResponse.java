package dev.ledger.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One event of an aggregate's history (API.md §7). */
public record AggregateEventResponse(long sequence, String type, String revision, JsonNode payload,
                                     EventMetadataResponse metadata, Instant occurredAt) {
}
