package dev.ledger.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The one place where an error code becomes an HTTP status and an RFC 9457 problem document.
 */
@Component
public class Problems {

    public static final String TYPE_PREFIX = "https://ledger.dev/problems/";
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, IDEMPOTENCY_KEY_MISSING -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case INSUFFICIENT_CREDITS, NO_BILLING_WALLET -> HttpStatus.PAYMENT_REQUIRED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INVALID_STATE_TRANSITION, HOLD_NOT_ACTIVE, WALLET_NOT_ACTIVE, WALLET_NOT_EMPTY,
                 IDEMPOTENCY_KEY_IN_FLIGHT, CONCURRENT_MODIFICATION, REPLAY_IN_PROGRESS,
                 NOT_REPLAYABLE -> HttpStatus.CONFLICT;
            case INSUFFICIENT_FUNDS, CURRENCY_MISMATCH, CAPTURE_EXCEEDS_HOLD, REVERSAL_EXCEEDS_TRANSFER,
                 IDEMPOTENCY_KEY_REUSED ->
                    HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case READ_MODEL_BEHIND, SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static Map<String, Object> body(ErrorCode code, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.code());
        body.put("title", title(code));
        body.put("status", status(code).value());
        body.put("detail", detail);
        body.put("code", code.code());
        body.putAll(extensions);
        return body;
    }

    public static ResponseEntity<Object> response(LedgerException problem, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        all.addAll(headers);
        retryAfter(problem.code()).ifPresent(seconds -> {
            if (!all.containsKey(HttpHeaders.RETRY_AFTER)) {
                all.set(HttpHeaders.RETRY_AFTER, seconds);
            }
        });
        return ResponseEntity.status(status(problem.code())).headers(all).contentType(PROBLEM_JSON)
                .body(body(problem.code(), problem.detail(), problem.extensions()));
    }

    /** For filters, which answer before Spring MVC is involved. */
    public void write(HttpServletResponse response, LedgerException problem) throws IOException {
        response.setStatus(status(problem.code()).value());
        if (response.getHeader(HttpHeaders.RETRY_AFTER) == null) {
            retryAfter(problem.code()).ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds));
        }
        response.setContentType(PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), body(problem.code(), problem.detail(), problem.extensions()));
    }

    /**
     * The seconds a client should wait before it tries again, for the problems that pass by themselves: a read model
     * catches up within a second; a database that went away is retried by the pool on every request, so a couple of
     * seconds keeps retrying clients from piling up without delaying them much once it is back.
     */
    /** For filters: a response {@link #response} built, written before Spring MVC is involved. */
    public void write(HttpServletResponse response, ResponseEntity<Object> problem) throws IOException {
        response.setStatus(problem.getStatusCode().value());
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), problem.getBody());
    }

    private static Optional<String> retryAfter(ErrorCode code) {
        return switch (code) {
            case READ_MODEL_BEHIND -> Optional.of("1");
            case SERVICE_UNAVAILABLE -> Optional.of("2");
            default -> Optional.empty();
        };
    }

    private static String title(ErrorCode code) {
        String words = code.code().replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
