package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The first step of a transfer, decided by the source wallet: debit it (visibility, permission, state and funds
 * are the source's to judge). The transfer process then credits the destination or returns the money.
 */
public record SendTransferCommand(@TargetAggregateIdentifier String walletId, String transferId, String entryId,
                                  String amount, String toWalletId, String reference, Actor actor) {

    public SendTransferCommand {
        Text.require("reference", reference);
    }
}
