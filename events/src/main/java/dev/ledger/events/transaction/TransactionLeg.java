package dev.ledger.events.transaction;

import dev.ledger.events.money.Money;

/** One wallet's part in a transaction: how much goes out of it (debit) or into it (credit). */
public record TransactionLeg(String walletId, LegDirection direction, Money amount) {

    public TransactionLeg reversed() {
        return new TransactionLeg(walletId, direction.opposite(), amount);
    }
}
