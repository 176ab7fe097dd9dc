package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import dev.ledger.events.text.Text;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserves money for a later capture; {@code amount} becomes money of the wallet's currency. */
public record PlaceHoldCommand(@TargetAggregateIdentifier String walletId, String holdId, String entryId,
                               Amount amount, long expiresInSeconds, String reference, Actor actor,
                               Map<String, String> metadata) {

    public PlaceHoldCommand {
        Text.require("reference", reference);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A hold without metadata. */
    public PlaceHoldCommand(String walletId, String holdId, String entryId, Amount amount, long expiresInSeconds,
                            String reference, Actor actor) {
        this(walletId, holdId, entryId, amount, expiresInSeconds, reference, actor, Map.of());
    }
}
