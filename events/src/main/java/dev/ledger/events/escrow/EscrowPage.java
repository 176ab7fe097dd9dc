package dev.ledger.events.escrow;

import java.util.List;

public record EscrowPage(List<EscrowView> items, String nextCursor) {
}
