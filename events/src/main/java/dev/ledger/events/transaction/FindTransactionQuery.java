package dev.ledger.events.transaction;

/** Answers an {@code Optional<TransactionRecord>}. */
public record FindTransactionQuery(String transactionId) {
}
