package dev.ledger.events.escrow;

import java.util.Map;

/**
 * Answers an {@link EscrowPage}, oldest first. {@code participant} limits to escrows where that user is buyer or
 * seller (as {@code role} says, or either when null); null means every escrow.
 */
public record ListEscrowsQuery(String participant, EscrowRole role, EscrowState state, Map<String, String> metadata,
                               int limit, String cursor) {

    public ListEscrowsQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public ListEscrowsQuery(String participant, EscrowRole role, EscrowState state, int limit, String cursor) {
        this(participant, role, state, Map.of(), limit, cursor);
    }
}
