package dev.ledger.events.escrow;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The buyer's money is held ({@code holdId} on the buyer wallet) until release, refund or {@code expiresAt}. */
@Revision("1")
public record EscrowFunded(String escrowId, String holdId, Instant expiresAt, Instant occurredAt) {
}
