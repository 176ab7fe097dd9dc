package dev.ledger.events.audit;

/**
 * Answers a {@link StoredEventPage} of the global feed: events with a position above {@code afterPosition}, in
 * position order; {@code nextCursor} is the position of the last item, null when there is none yet.
 */
public record ListEventFeedQuery(long afterPosition, int limit) {
}
