package dev.ledger.gateway.audit;

/**
 * What every event carries from the request that caused it: who, with which idempotency key, in which correlation,
 * directly caused by which message. A value the event does not carry is null.
 */
public record EventMetadataResponse(String principal, String idempotencyKey, String correlationId,
                                    String causationId) {
}
