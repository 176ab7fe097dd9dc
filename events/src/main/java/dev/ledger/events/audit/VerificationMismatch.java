package dev.ledger.events.audit;

/**
 * One finding of a verification. {@code kind} says what was checked ({@code field}, {@code missing-row},
 * {@code extra-row}, {@code invariant}, {@code hash-chain}, {@code unsealed-event}, {@code missing-event},
 * {@code sequence}, {@code unreadable-event}); {@code aggregate} is the id concerned (a currency for totals);
 * {@code field} names the table and column or the rule; {@code position} is the event's global position, when
 * the finding is about one event.
 */
public record VerificationMismatch(String kind, String aggregate, String field, String expected, String found,
                                   Long position) {
}
