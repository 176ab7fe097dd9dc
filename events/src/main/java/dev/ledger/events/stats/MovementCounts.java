package dev.ledger.events.stats;

/** How many movements of one kind (transfers, transactions) there are, and how many of them are reversals. */
public record MovementCounts(long count, long reversals) {
}
