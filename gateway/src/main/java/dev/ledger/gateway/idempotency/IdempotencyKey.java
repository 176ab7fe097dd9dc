package dev.ledger.gateway.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.http.AmountJson;
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
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(AmountJson.MODULE)
            .build();

    /** For endpoints where the key is mandatory (money-moving POSTs), through their {@link IdempotencyKeyHeader}. */
    static IdempotencyKey required(String header, String method, String path, Object body) {
        if (header == null) {
            throw new LedgerException(ErrorCode.IDEMPOTENCY_KEY_MISSING,
                    "this request needs an " + IdempotencyHeaders.KEY + " header");
        }
        return of(header, method, path, body);
    }

    /** For endpoints where the key is optional; null when absent. */
    public static IdempotencyKey optional(String header, String method, String path, Object body) {
        return header == null ? null : of(header, method, path, body);
    }

    private static IdempotencyKey of(String header, String method, String path, Object body) {
        String key = unquote(header);
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                || key.isBlank()) {
            throw RequestValidation.invalid(IdempotencyHeaders.KEY, "must be 1 to 255 printable ASCII characters");
        }
        return new IdempotencyKey(key, sha256(method + " " + path + "\n" + canonical(body)));
    }

    /**
     * The body with its keys sorted, whitespace and JSON nulls dropped: equal requests hash equally, whichever order
     * or spacing the client wrote them in.
     */
    private static String canonical(Object body) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.convertValue(body, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request record always serializes", e);
        }
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
