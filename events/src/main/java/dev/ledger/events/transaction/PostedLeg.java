package dev.ledger.events.transaction;

import dev.ledger.events.money.Money;

/**
 * A leg as the transaction recorded it, with the owner of its wallet at that moment: who may see the transaction is
 * then decided by the transaction's own event, with no wallet read model to wait for.
 */
public record PostedLeg(String walletId, String ownerId, LegDirection direction, Money amount) {

    public TransactionLeg leg() {
        return new TransactionLeg(walletId, direction, amount);
    }
}
