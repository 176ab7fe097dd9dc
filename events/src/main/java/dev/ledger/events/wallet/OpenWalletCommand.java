package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.text.Text;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenWalletCommand(@TargetAggregateIdentifier String walletId, String ownerId, String currency,
                                String label, Actor actor, Map<String, String> metadata) {

    public OpenWalletCommand {
        Text.requireIdentifier("ownerId", ownerId);
        Text.require("label", label);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A wallet without metadata. */
    public OpenWalletCommand(String walletId, String ownerId, String currency, String label, Actor actor) {
        this(walletId, ownerId, currency, label, actor, Map.of());
    }
}
