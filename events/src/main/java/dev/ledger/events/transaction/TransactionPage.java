package dev.ledger.events.transaction;

import java.util.List;

public record TransactionPage(List<TransactionView> items, String nextCursor) {
}
