package dev.ledger.events.transaction;

import dev.ledger.events.access.Actor;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Posts a balanced transaction over several wallets of one currency, all legs or none (API.md §9). {@code reversalOf}
 * is set only when the transaction reverses another one; the reversed transaction sends it.
 */
public record PostTransactionCommand(@TargetAggregateIdentifier String transactionId, String currency,
                                     List<TransactionLeg> legs, String reference, Map<String, String> metadata,
                                     String reversalOf, Actor actor) {

    public PostTransactionCommand {
        legs = List.copyOf(legs);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
