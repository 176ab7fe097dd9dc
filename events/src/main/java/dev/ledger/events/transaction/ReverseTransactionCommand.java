package dev.ledger.events.transaction;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reverses a posted transaction with a new one, {@code reversalId}, that swaps every leg (API.md §9). */
public record ReverseTransactionCommand(@TargetAggregateIdentifier String transactionId, String reversalId,
                                        String reason, Actor actor) {
}
