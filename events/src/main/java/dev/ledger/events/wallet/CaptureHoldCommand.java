package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Captures a hold in full ({@code amount} null) or in part, releasing the rest. */
public record CaptureHoldCommand(@TargetAggregateIdentifier String walletId, String holdId, String entryId,
                                 Amount amount, Actor actor) {
}
