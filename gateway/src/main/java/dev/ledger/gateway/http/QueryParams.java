package dev.ledger.gateway.http;

import dev.ledger.gateway.problem.RequestValidation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Typed query parameters; a bad value is recorded as a validation error naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static Instant instant(String value, String field, RequestValidation validation) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            validation.reject(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    public static <E extends Enum<E>> E oneOf(String value, Class<E> type, String field, RequestValidation validation) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst()
                .orElseGet(() -> {
                    validation.reject(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
                    return null;
                });
    }
}
