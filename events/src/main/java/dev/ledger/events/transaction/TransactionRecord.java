package dev.ledger.events.transaction;

import java.util.Set;

/** A transaction from its read model, with the owners of its wallets, who may see it. */
public record TransactionRecord(TransactionView transaction, Set<String> ownerIds) {
}
