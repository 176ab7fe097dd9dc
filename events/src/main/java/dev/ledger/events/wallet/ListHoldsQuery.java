package dev.ledger.events.wallet;

import java.util.Map;

/** Answers a {@link HoldPage}, newest first; a null status matches every hold. */
public record ListHoldsQuery(String walletId, HoldStatus status, Map<String, String> metadata, int limit,
                             String cursor) {

    public ListHoldsQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public ListHoldsQuery(String walletId, HoldStatus status, int limit, String cursor) {
        this(walletId, status, Map.of(), limit, cursor);
    }
}
