package dev.ledger.events.escrow;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EscrowCreated(String escrowId, String buyerId, String sellerId, String buyerWalletId,
                            String sellerWalletId, Money amount, long expiresInSeconds, String description,
                            Instant occurredAt) {
}
