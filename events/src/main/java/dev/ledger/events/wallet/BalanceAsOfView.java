package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;

/**
 * A wallet's state right after its last event at or before {@code asOf}; {@code version} is the number of its events
 * up to then (0 before the wallet was opened).
 */
public record BalanceAsOfView(String walletId, Instant asOf, Money balance, Money held, Money available,
                              long version) {
}
