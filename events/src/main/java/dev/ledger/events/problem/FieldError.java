package dev.ledger.events.problem;

/** One invalid input of a {@code validation-failed} problem: which field, and what is wrong with it. */
public record FieldError(String field, String message) {
}
