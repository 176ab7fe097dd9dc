package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** The answer to a money command: the wallet's state right after it, computed by the command side. */
public record EntryResult(String entryId, String walletId, EntryType type, Money amount, Money balance, Money held,
                          Money available, long version, Instant occurredAt) {
}
