package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VoidHoldCommand(@TargetAggregateIdentifier String walletId, String holdId, String entryId,
                              Actor actor) {
}
