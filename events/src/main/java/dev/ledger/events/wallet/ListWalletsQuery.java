package dev.ledger.events.wallet;

import java.util.Map;

/** Answers a {@link WalletPage}; null filters match everything, and every {@code metadata} entry must match. */
public record ListWalletsQuery(String ownerId, String currency, WalletStatus status, Map<String, String> metadata,
                               int limit, String cursor) {

    public ListWalletsQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public ListWalletsQuery(String ownerId, String currency, WalletStatus status, int limit, String cursor) {
        this(ownerId, currency, status, Map.of(), limit, cursor);
    }
}
