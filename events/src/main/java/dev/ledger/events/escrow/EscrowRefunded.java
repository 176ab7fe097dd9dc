package dev.ledger.events.escrow;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The hold on the buyer wallet was voided: the buyer has the money back. */
@Revision("1")
public record EscrowRefunded(String escrowId, Instant occurredAt) {
}
