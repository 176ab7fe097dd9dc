package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code amount} as the client wrote it: only the wallet knows its currency, and so whether its scale fits. */
public record WithdrawMoneyCommand(@TargetAggregateIdentifier String walletId, String entryId, Amount amount,
                 String reference, Actor actor) {

    public WithdrawMoneyCommand {
        Text.require("reference", reference);
    }
}
