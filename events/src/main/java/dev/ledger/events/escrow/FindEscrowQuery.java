package dev.ledger.events.escrow;

/** Answers an {@code Optional<EscrowView>}. */
public record FindEscrowQuery(String escrowId) {
}
