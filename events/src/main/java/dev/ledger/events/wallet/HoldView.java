package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** A hold as the API shows it; {@code version} is its wallet's version. */
public record HoldView(String holdId, String walletId, Money amount, Money capturedAmount, HoldStatus status,
                       String reference, Instant expiresAt, Instant createdAt, long version) {
}
