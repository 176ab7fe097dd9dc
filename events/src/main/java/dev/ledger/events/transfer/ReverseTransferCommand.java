package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reverses {@code transferId}, in part ({@code amount}) or all that is left of it (null), with a new transfer
 * {@code reversalId} back from its destination to its source (API.md §4). {@code original} is the transfer as the
 * event store recorded it; the reversals of one transfer are counted by its own stream, so that concurrent ones can
 * never together exceed it.
 */
public record ReverseTransferCommand(@TargetAggregateIdentifier String transferId, String reversalId, Amount amount,
                                     String reason, ReversibleTransfer original, Actor actor) {
}
