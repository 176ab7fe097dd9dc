package dev.ledger.gateway.http;

import dev.ledger.events.metadata.Metadata;
import dev.ledger.events.text.Text;
import dev.ledger.events.time.SupportedInstants;
import dev.ledger.gateway.problem.RequestValidation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed query parameters; a bad value is recorded as a validation error naming the parameter. */
public final class QueryParams {

    private static final Pattern METADATA_FILTER = Pattern.compile("metadata\\[(.*)]");

    private QueryParams() {
    }

    /**
     * The {@code metadata[key]=value} filters of a list request (API.md §1), ANDed by the caller. Keys and values
     * follow the rule they were written under, so a filter that could never match is a 400, not an empty page; a
     * key given twice is a 400 too, since no resource holds two values under one key.
     */
    public static Map<String, String> metadata(Map<String, String[]> parameters, RequestValidation validation) {
        Map<String, String> filters = new TreeMap<>();
        parameters.forEach((name, values) -> {
            Matcher filter = METADATA_FILTER.matcher(name);
            if (!filter.matches()) {
                return;
            }
            String key = filter.group(1);
            if (Metadata.keyProblem(key).isPresent()) {
                validation.reject("metadata", Metadata.keyProblem(key).get());
                return;
            }
            String field = "metadata[" + key + "]";
            if (values.length != 1) {
                validation.reject(field, "must be given once");
                return;
            }
            Metadata.valueProblem(values[0]).ifPresentOrElse(message -> validation.reject(field, message),
                    () -> filters.put(key, values[0]));
        });
        return filters;
    }

    public static Instant instant(String value, String field, RequestValidation validation) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!SupportedInstants.contains(instant)) {
                validation.reject(field, "must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            validation.reject(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    /** A filter on an identifier clients choose (an owner's id): the {@link Text} rule, as when it was written. */
    public static String identifier(String value, String field, RequestValidation validation) {
        Text.identifierProblem(value).ifPresent(message -> validation.reject(field, message));
        return value;
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
