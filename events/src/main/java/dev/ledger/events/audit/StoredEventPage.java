package dev.ledger.events.audit;

import java.util.List;

public record StoredEventPage(List<StoredEvent> items, String nextCursor) {
}
