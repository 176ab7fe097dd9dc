package dev.ledger.classic;

/** An {@code Idempotency-Key} and the SHA-256 of the request it came with (method, path, canonical body). */
record IdempotencyKey(String key, String requestHash) {

    static final String HEADER = "Idempotency-Key";

    static IdempotencyKey of(String header, String method, String path, String canonicalBody) {
        if (header == null) {
            throw new Problem.Refusal(400, "idempotency-key-missing", "this request needs an " + HEADER + " header");
        }
        if (header.isBlank() || header.length() > 255 || !header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new Problem.Refusal(400, "validation-failed",
                    HEADER + " must be 1 to 255 printable ASCII characters");
        }
        return new IdempotencyKey(header, ApiKeyFilter.sha256(method + " " + path + "\n" + canonicalBody));
    }
}
