package dev.ledger.events.wallet;

/** Answers a {@link WalletPage}; null filters match everything. */
public record ListWalletsQuery(String ownerId, String currency, WalletStatus status, int limit, String cursor) {
}
