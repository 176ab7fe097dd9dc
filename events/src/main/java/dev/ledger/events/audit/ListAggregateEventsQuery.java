package dev.ledger.events.audit;

/**
 * Answers a {@link StoredEventPage} of one aggregate's events with a sequence above {@code afterSequence} (-1: from
 * the first), oldest first; {@code nextCursor} is null on the last page.
 */
public record ListAggregateEventsQuery(String aggregateType, String aggregateId, long afterSequence, int limit) {
}
