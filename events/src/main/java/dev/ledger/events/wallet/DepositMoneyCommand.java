package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code amount} is the literal the client sent: only the wallet knows its currency, and so its scale. */
public record DepositMoneyCommand(@TargetAggregateIdentifier String walletId, String entryId, String amount,
                 String reference, Actor actor) {

    public DepositMoneyCommand {
        Text.require("reference", reference);
    }
}
