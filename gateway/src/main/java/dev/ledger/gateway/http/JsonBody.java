package dev.ledger.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.ledger.gateway.problem.RequestValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request body read strictly: a JSON object (or nothing, which means {@code {}}), fields of the right JSON
 * type, no fields the endpoint does not know. Every problem found is reported in one 400.
 */
public final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final ObjectNode node;
    private final RequestValidation validation = new RequestValidation();

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody parse(byte[] raw) {
        if (raw == null || new String(raw).isBlank()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(raw);
        } catch (IOException malformed) {
            throw RequestValidation.invalid("body", "is not valid JSON");
        }
        if (parsed == null || parsed.isMissingNode()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (!parsed.isObject()) {
            throw RequestValidation.invalid("body", "must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    /** The body with its keys sorted and whitespace dropped: equal requests hash equally. */
    public String canonical() {
        try {
            return STRICT.writeValueAsString(STRICT.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed body always serializes", e);
        }
    }

    /** Reports every field other than these as unknown. */
    public JsonBody allow(String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                validation.reject(name, "is not a known field");
            }
        }
        return this;
    }

    public String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            validation.reject(field, "is required");
            return null;
        }
        return text(field, value);
    }

    /** A required id of a resource (a server-generated UUID), normalized; anything else is a validation error. */
    public String requiredId(String field) {
        String value = requiredString(field);
        if (value == null) {
            return null;
        }
        if (!PathIds.isId(value)) {
            validation.reject(field, "must be an id issued by this API");
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public String optionalString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(field, value);
    }

    public Integer optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            validation.reject(field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    /** A required JSON array of strings; a wrong element is reported as {@code field[i]}. */
    public List<String> requiredStringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            validation.reject(field, "is required");
            return null;
        }
        if (!value.isArray()) {
            validation.reject(field, "must be a list of strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = text(field + "[" + i + "]", value.get(i));
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return items;
    }

    public RequestValidation validation() {
        return validation;
    }

    /** Throws the 400 if anything was wrong so far. */
    public void validate() {
        validation.throwIfInvalid();
    }

    private String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            validation.reject(field, "must be a string");
            return null;
        }
        return value.textValue();
    }
}
