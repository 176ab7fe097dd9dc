package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record HoldPlaced(String walletId, String holdId, String entryId, Money amount, String reference,
                         Instant expiresAt, Instant occurredAt, Map<String, String> metadata) {

    /** {@code metadata} came later (docs/adr/016): a stored event without it reads as a hold without metadata. */
    public HoldPlaced {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public HoldPlaced(String walletId, String holdId, String entryId, Money amount, String reference,
                      Instant expiresAt, Instant occurredAt) {
        this(walletId, holdId, entryId, amount, reference, expiresAt, occurredAt, Map.of());
    }
}
