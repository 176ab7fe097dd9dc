package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits the destination with what the source sends: sent by the source wallet within its own transaction, or, for
 * a transfer of the former flow still in flight, by the transfer process.
 */
public record ReceiveTransferCommand(@TargetAggregateIdentifier String walletId, String transferId, String entryId,
                                     Money amount, String fromWalletId, String reference, Actor actor) {
}
