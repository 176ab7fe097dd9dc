package dev.ledger.events.escrow;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** An escrow as the API shows it; {@code version} is its event count. */
public record EscrowView(String escrowId, String buyerId, String sellerId, String buyerWalletId,
                         String sellerWalletId, Money amount, String description, EscrowState state,
                         long expiresInSeconds, Instant createdAt, Instant fundedAt, Instant expiresAt,
                         Instant releasedAt, Instant refundedAt, Instant expiredAt, long version) {
}
