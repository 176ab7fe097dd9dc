package dev.ledger.gateway.idempotency;

/**
 * The {@code Idempotency-Key} header of a request to an endpoint that requires one, as {@link
 * IdempotencyKeyHeaderResolver} hands it to the controller. It is parsed and fingerprinted only when the endpoint
 * asks for it, after the endpoint validated its body: a request with a bad body and no key hears about its body.
 */
public final class IdempotencyKeyHeader {

    private final String value;
    private final String method;
    private final String path;

    IdempotencyKeyHeader(String value, String method, String path) {
        this.value = value;
        this.method = method;
        this.path = path;
    }

    /** The key and the fingerprint of this request with its (already validated) request record; 400 when absent or malformed. */
    public IdempotencyKey required(Object body) {
        return IdempotencyKey.required(value, method, path, body);
    }
}
