package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation: the destination refused the credit, so the source gets its money back. */
public record ReturnTransferCommand(@TargetAggregateIdentifier String walletId, String transferId, String entryId,
                                    Money amount, String toWalletId, String failureCode, Actor actor) {
}
