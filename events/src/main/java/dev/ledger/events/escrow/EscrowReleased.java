package dev.ledger.events.escrow;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The hold on the buyer wallet was captured and the seller wallet credited, in the same transaction. */
@Revision("1")
public record EscrowReleased(String escrowId, Instant occurredAt) {
}
