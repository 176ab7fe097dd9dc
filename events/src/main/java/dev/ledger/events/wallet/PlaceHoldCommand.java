package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserves money for a later capture; {@code amount} is the client's literal, parsed in the wallet's currency. */
public record PlaceHoldCommand(@TargetAggregateIdentifier String walletId, String holdId, String entryId,
                               String amount, long expiresInSeconds, String reference, Actor actor) {

    public PlaceHoldCommand {
        Text.require("reference", reference);
    }
}
