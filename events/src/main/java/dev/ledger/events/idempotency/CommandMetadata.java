package dev.ledger.events.idempotency;

/**
 * Metadata keys every command carries from the gateway, copied onto the events it causes.
 */
public final class CommandMetadata {

    public static final String PRINCIPAL = "principal";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** SHA-256 of method, path and canonical body: tells "same request" from "key reused". */
    public static final String REQUEST_HASH = "requestHash";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private CommandMetadata() {
    }
}
