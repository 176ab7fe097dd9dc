package dev.ledger.events.wallet;

import java.time.Instant;

/** Answers an {@link EntryPage}, newest first; {@code from} is included, {@code to} excluded, nulls are open. */
public record ListEntriesQuery(String walletId, Instant from, Instant to, EntryType type, int limit, String cursor) {
}
