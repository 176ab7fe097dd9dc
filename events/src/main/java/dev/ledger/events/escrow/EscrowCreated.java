package dev.ledger.events.escrow;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EscrowCreated(String escrowId, String buyerId, String sellerId, String buyerWalletId,
                            String sellerWalletId, Money amount, long expiresInSeconds, String description,
                            Instant occurredAt, Map<String, String> metadata) {

    /** {@code metadata} came later (docs/adr/016): a stored event without it reads as an escrow without metadata. */
    public EscrowCreated {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public EscrowCreated(String escrowId, String buyerId, String sellerId, String buyerWalletId, String sellerWalletId,
                         Money amount, long expiresInSeconds, String description, Instant occurredAt) {
        this(escrowId, buyerId, sellerId, buyerWalletId, sellerWalletId, amount, expiresInSeconds, description,
                occurredAt, Map.of());
    }
}
