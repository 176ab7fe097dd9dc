package dev.ledger.events.stats;

/** Answers {@link LedgerStats}. */
public record LedgerStatsQuery() {
}
