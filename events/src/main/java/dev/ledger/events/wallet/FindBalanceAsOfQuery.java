package dev.ledger.events.wallet;

import java.time.Instant;

/** Answers an {@code Optional<BalanceAsOfView>}: empty when the wallet is unknown. */
public record FindBalanceAsOfQuery(String walletId, Instant asOf) {
}
