package dev.ledger.gateway.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An example for every schema that has none, made from its fields: a field's own example (the conventions give
 * amounts, ids and currencies one), else its first enum value, else a value of its format or a plausible one for
 * its name. Spectral checks every example against its schema, so a wrong one fails CI rather than misleading.
 */
final class Examples {

    private static final int MAX_DEPTH = 4;

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("ownerId", "user-42"), Map.entry("userId", "user-42"), Map.entry("buyerId", "user-42"),
            Map.entry("sellerId", "user-7"), Map.entry("label", "Savings"), Map.entry("reference", "order-1001"),
            Map.entry("description", "A used camera"), Map.entry("key", "lk_5Jz0mXh3kq9Yb2Tt7Qw1Rv8Ns4"),
            Map.entry("name", "wallets"), Map.entry("message", "Service did its job!"),
            Map.entry("idempotencyKey", "7d1c8a52-0b4e-4f7e-9d55-31b0c2a9e6f1"), Map.entry("principal", "user-42"),
            Map.entry("revision", "1"), Map.entry("aggregateType", "wallet"));

    private Examples() {
    }

    static void exemplify(Schema<?> schema, Map<String, Schema> schemas) {
        if (schema.getExample() == null && schema.getProperties() != null) {
            schema.setExample(example(null, schema, schemas, 0));
        }
    }

    private static Object example(String name, Schema<?> schema, Map<String, Schema> schemas, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.get$ref() != null) {
            String ref = schema.get$ref();
            return example(name, schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), schemas, depth + 1);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        String type = schema.getType() == null ? "object" : schema.getType();
        return switch (type) {
            case "string" -> string(name, schema);
            case "integer" -> schema.getMinimum() != null ? schema.getMinimum().longValue() : 1;
            case "number" -> schema.getMinimum() != null ? schema.getMinimum() : BigDecimal.valueOf(0.5);
            case "boolean" -> true;
            case "array" -> schema.getItems() == null ? List.of()
                    : List.of(example(null, schema.getItems(), schemas, depth + 1));
            default -> object(schema, schemas, depth);
        };
    }

    private static Object object(Schema<?> schema, Map<String, Schema> schemas, int depth) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((field, property) ->
                    example.put(field, example(field, property, schemas, depth + 1)));
        }
        return example;
    }

    private static String string(String name, Schema<?> schema) {
        if (schema.getFormat() != null) {
            switch (schema.getFormat()) {
                case "date-time":
                    return "2026-03-01T12:00:00Z";
                case "uuid":
                    return "3f9c2b1e-8d4a-4c55-9a0e-2b7d1c6e5f40";
                case "uri":
                    return "https://ledger.dev/problems/not-found";
                default:
                    break;
            }
        }
        return name == null ? "text" : BY_NAME.getOrDefault(name, "text");
    }
}
