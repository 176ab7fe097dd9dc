package dev.ledger.events.transaction;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a debit leg's amount out of its wallet, on behalf of the caller who posts the transaction. */
public record DebitForTransactionCommand(@TargetAggregateIdentifier String walletId, String transactionId,
                                         String entryId, Money amount, String reference, Actor actor) {
}
