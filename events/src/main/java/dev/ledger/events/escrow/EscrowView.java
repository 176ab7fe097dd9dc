package dev.ledger.events.escrow;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;

/** An escrow as the API shows it; {@code version} is its event count. */
public record EscrowView(String escrowId, String buyerId, String sellerId, String buyerWalletId,
                         String sellerWalletId, Money amount, String description, EscrowState state,
                         long expiresInSeconds, Instant createdAt, Instant fundedAt, Instant expiresAt,
                         Instant releasedAt, Instant refundedAt, Instant expiredAt, long version,
                         Map<String, String> metadata) {

    public EscrowView {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** An escrow without metadata. */
    public EscrowView(String escrowId, String buyerId, String sellerId, String buyerWalletId, String sellerWalletId,
                      Money amount, String description, EscrowState state, long expiresInSeconds, Instant createdAt,
                      Instant fundedAt, Instant expiresAt, Instant releasedAt, Instant refundedAt, Instant expiredAt,
                      long version) {
        this(escrowId, buyerId, sellerId, buyerWalletId, sellerWalletId, amount, description, state,
                expiresInSeconds, createdAt, fundedAt, expiresAt, releasedAt, refundedAt, expiredAt, version,
                Map.of());
    }
}
