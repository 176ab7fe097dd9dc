package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnfreezeWalletCommand(@TargetAggregateIdentifier String walletId, String entryId, Actor actor) {
}
