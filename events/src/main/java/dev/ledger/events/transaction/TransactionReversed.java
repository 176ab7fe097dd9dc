package dev.ledger.events.transaction;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A posted transaction was reversed by {@code reversalId}, posted in the same database transaction. */
@Revision("1")
public record TransactionReversed(String transactionId, String reversalId, String reason, Instant occurredAt) {
}
