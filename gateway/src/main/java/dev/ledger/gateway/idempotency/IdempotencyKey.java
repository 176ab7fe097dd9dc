package dev.ledger.gateway.idempotency;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.http.JsonBody;
import dev.ledger.gateway.problem.RequestValidation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An {@code Idempotency-Key} and the fingerprint of the request it came with (method, path, canonical body).
 */
public record IdempotencyKey(String key, String requestHash) {

    private static final int MAX_LENGTH = 255;

    /** For endpoints where the key is mandatory (money-moving POSTs), through their {@link IdempotencyKeyHeader}. */
    static IdempotencyKey required(String header, String method, String path, JsonBody body) {
        if (header == null) {
            throw new LedgerException(ErrorCode.IDEMPOTENCY_KEY_MISSING,
                    "this request needs an " + IdempotencyHeaders.KEY + " header");
        }
        return of(header, method, path, body);
    }

    /** For endpoints where the key is optional; null when absent. */
    public static IdempotencyKey optional(String header, String method, String path, JsonBody body) {
        return header == null ? null : of(header, method, path, body);
    }

    private static IdempotencyKey of(String header, String method, String path, JsonBody body) {
        String key = unquote(header);
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                || key.isBlank()) {
            throw RequestValidation.invalid(IdempotencyHeaders.KEY, "must be 1 to 255 printable ASCII characters");
        }
        return new IdempotencyKey(key, sha256(method + " " + path + "\n" + body.canonical()));
    }

    // The IETF draft writes the key as a quoted string: "abc" and abc are the same key.
    private static String unquote(String header) {
        if (header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")) {
            return header.substring(1, header.length() - 1);
        }
        return header;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
