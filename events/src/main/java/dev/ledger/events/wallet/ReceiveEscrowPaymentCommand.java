package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits the seller's wallet with what an escrow captured from the buyer's. */
public record ReceiveEscrowPaymentCommand(@TargetAggregateIdentifier String walletId, String escrowId,
                                          String entryId, Money amount, String fromWalletId, Actor actor) {
}
