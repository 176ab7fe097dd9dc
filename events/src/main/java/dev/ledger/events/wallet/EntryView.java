package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** One journal line. {@code amount} is unsigned and null for entries that move no money. */
public record EntryView(String entryId, long sequence, EntryType type, Money amount, Money balanceAfter,
                        Money heldAfter, Money availableAfter, String reference, String counterparty,
                        String idempotencyKey, Instant occurredAt) {
}
