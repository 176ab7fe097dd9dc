package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenWalletCommand(@TargetAggregateIdentifier String walletId, String ownerId, String currency,
                                String label, Actor actor) {

    public OpenWalletCommand {
        Text.requireIdentifier("ownerId", ownerId);
        Text.require("label", label);
    }
}
