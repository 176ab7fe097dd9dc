package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenWalletCommand(@TargetAggregateIdentifier String walletId, String ownerId, String currency,
                                String label, Actor actor) {
}
