package dev.ledger.events.transfer;

import java.util.List;

public record TransferPage(List<TransferView> items, String nextCursor) {
}
