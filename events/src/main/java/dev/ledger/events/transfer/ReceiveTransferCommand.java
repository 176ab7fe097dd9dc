package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The transfer process crediting the destination with what the source sent. */
public record ReceiveTransferCommand(@TargetAggregateIdentifier String walletId, String transferId, String entryId,
                                     Money amount, String fromWalletId, String reference, Actor actor) {
}
