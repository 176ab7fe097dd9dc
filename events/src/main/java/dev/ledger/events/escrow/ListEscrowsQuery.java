package dev.ledger.events.escrow;

/**
 * Answers an {@link EscrowPage}, oldest first. {@code participant} limits to escrows where that user is buyer or
 * seller (as {@code role} says, or either when null); null means every escrow.
 */
public record ListEscrowsQuery(String participant, EscrowRole role, EscrowState state, int limit, String cursor) {
}
