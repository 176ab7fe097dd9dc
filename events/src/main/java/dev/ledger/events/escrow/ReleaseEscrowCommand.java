package dev.ledger.events.escrow;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseEscrowCommand(@TargetAggregateIdentifier String escrowId, Actor actor) {
}
