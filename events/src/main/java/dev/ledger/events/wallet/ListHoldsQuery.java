package dev.ledger.events.wallet;

/** Answers a {@link HoldPage}, newest first; a null status matches every hold. */
public record ListHoldsQuery(String walletId, HoldStatus status, int limit, String cursor) {
}
