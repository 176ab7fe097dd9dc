package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;

/** A hold as the API shows it; {@code version} is its wallet's version. */
public record HoldView(String holdId, String walletId, Money amount, Money capturedAmount, HoldStatus status,
                       String reference, Instant expiresAt, Instant createdAt, long version,
                       Map<String, String> metadata) {

    public HoldView {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A hold without metadata. */
    public HoldView(String holdId, String walletId, Money amount, Money capturedAmount, HoldStatus status,
                    String reference, Instant expiresAt, Instant createdAt, long version) {
        this(holdId, walletId, amount, capturedAmount, status, reference, expiresAt, createdAt, version, Map.of());
    }
}
