package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;

/** A wallet as the API shows it; {@code version} is the wallet's event count. */
public record WalletView(String walletId, String ownerId, String currency, String label, WalletStatus status,
                         Money balance, Money held, Money available, long version, Instant createdAt,
                         Instant updatedAt, Map<String, String> metadata) {

    public WalletView {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A wallet without metadata. */
    public WalletView(String walletId, String ownerId, String currency, String label, WalletStatus status,
                      Money balance, Money held, Money available, long version, Instant createdAt,
                      Instant updatedAt) {
        this(walletId, ownerId, currency, label, status, balance, held, available, version, createdAt, updatedAt,
                Map.of());
    }
}
