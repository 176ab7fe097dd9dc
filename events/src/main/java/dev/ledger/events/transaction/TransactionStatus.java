package dev.ledger.events.transaction;

public enum TransactionStatus {
    POSTED, REVERSED
}
