package dev.ledger.events.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A transaction was posted: its wallets' {@link TransactionDebited} and {@link TransactionCredited} were appended in
 * the same database transaction. {@code reversalOf} names the transaction it reverses, null for an original one.
 */
@Revision("1")
public record TransactionPosted(String transactionId, String currency, List<PostedLeg> legs, String reference,
                                Map<String, String> metadata, String reversalOf, Instant occurredAt) {

    public TransactionPosted {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
