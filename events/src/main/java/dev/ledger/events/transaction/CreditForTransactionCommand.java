package dev.ledger.events.transaction;

import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a credit leg's amount into its wallet. Like a transfer's credit it needs no permission on the wallet: paying
 * into someone's wallet is what a transaction is for.
 */
public record CreditForTransactionCommand(@TargetAggregateIdentifier String walletId, String transactionId,
                                          String entryId, Money amount, String reference) {
}
