package dev.ledger.gateway.http;

/**
 * The body of a command that takes no fields (freeze, void, release, …): nothing, {@code null} or {@code {}}; any
 * field in it is refused, like any unknown field.
 */
public record NoFields() {
}
