package dev.ledger.events.wallet;

import java.util.List;

public record EntryPage(List<EntryView> items, String nextCursor) {
}
