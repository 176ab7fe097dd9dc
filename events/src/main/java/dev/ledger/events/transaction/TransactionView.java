package dev.ledger.events.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A transaction as the API shows it (API.md §9); {@code version} is its event count. */
public record TransactionView(String transactionId, String currency, List<TransactionLeg> legs, String reference,
                              Map<String, String> metadata, TransactionStatus status, String reversalOf,
                              Instant createdAt, long version) {
}
