package dev.ledger.events.transaction;

import java.util.Map;

/**
 * Answers a {@link TransactionPage}, newest first. {@code ownerId} limits to transactions with a leg on a wallet of
 * that owner (a client's own), {@code walletId} to those with a leg on that wallet; {@code metadata} entries must all
 * match. Null or empty means no limit.
 */
public record ListTransactionsQuery(String ownerId, String walletId, Map<String, String> metadata, int limit,
                                    String cursor) {

    public ListTransactionsQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
