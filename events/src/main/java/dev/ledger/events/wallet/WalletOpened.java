package dev.ledger.events.wallet;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WalletOpened(String walletId, String ownerId, String currency, String label, Instant occurredAt,
                           Map<String, String> metadata) {

    /** {@code metadata} came later (docs/adr/016): a stored event without it reads as a wallet without metadata. */
    public WalletOpened {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public WalletOpened(String walletId, String ownerId, String currency, String label, Instant occurredAt) {
        this(walletId, ownerId, currency, label, occurredAt, Map.of());
    }
}
