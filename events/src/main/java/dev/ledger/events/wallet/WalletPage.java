package dev.ledger.events.wallet;

import java.util.List;

public record WalletPage(List<WalletView> items, String nextCursor) {
}
