package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** A wallet as the API shows it; {@code version} is the wallet's event count. */
public record WalletView(String walletId, String ownerId, String currency, String label, WalletStatus status,
                         Money balance, Money held, Money available, long version, Instant createdAt,
                         Instant updatedAt) {
}
