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
    /**
     * Set to {@value #ORIGIN_PROCESS} on commands a process (transfer, escrow) sends from an event handler: every
     * refusal is then an outcome the process acts on, never an exception that would roll back its transaction.
     */
    public static final String ORIGIN = "origin";
    public static final String ORIGIN_PROCESS = "process";

    private CommandMetadata() {
    }
}
