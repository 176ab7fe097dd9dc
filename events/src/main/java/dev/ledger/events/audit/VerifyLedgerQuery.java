package dev.ledger.events.audit;

/**
 * Answers a {@link VerificationReport}: every event replayed from the store into a fresh model, compared with every
 * read model, the invariants of API.md §7 and the event log's hash chain checked.
 */
public record VerifyLedgerQuery() {
}
