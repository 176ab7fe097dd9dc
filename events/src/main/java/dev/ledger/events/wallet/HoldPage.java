package dev.ledger.events.wallet;

import java.util.List;

public record HoldPage(List<HoldView> items, String nextCursor) {
}
