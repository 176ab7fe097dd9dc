package dev.ledger.events.audit;

import java.time.Instant;

/**
 * One event as the event store holds it. {@code position} is its place in the global feed (the store's global
 * index), {@code sequence} its place in its aggregate's history (from 0, without gaps), {@code type} the simple name
 * of the payload's class; {@code payload} and {@code metaData} are the stored JSON, unchanged ({@code metaData} null
 * when none was stored); {@code occurredAt} is the store's timestamp.
 */
public record StoredEvent(long position, String aggregateType, String aggregateId, long sequence, String type,
                          String revision, String payload, String metaData, Instant occurredAt) {
}
