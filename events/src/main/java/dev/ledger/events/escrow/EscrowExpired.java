package dev.ledger.events.escrow;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The escrow reached its expiresAt while FUNDED: the hold was voided, as for a refund. */
@Revision("1")
public record EscrowExpired(String escrowId, Instant occurredAt) {
}
