package dev.ledger.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.text.Text;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds a JSON object against the shape of a request record before Jackson binds it: fields the record does not
 * have, and values of the wrong JSON type, are problems named by their full path ({@code legs[0].amount}). Such a
 * value is left out, so that Jackson binds the rest (and Bean Validation checks it) instead of stopping at the first
 * problem: one 400 names them all.
 */
final class RecordShape {

    private RecordShape() {
    }

    /** The object with what cannot be bound left out; {@code path} is where it sits ({@code ""}, {@code legs[0].}). */
    static ObjectNode readable(ObjectNode object, Class<?> record, String path, List<FieldError> problems) {
        Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        ObjectNode readable = object.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            RecordComponent component = components.get(name);
            if (component == null) {
                // the problem names the field, and a name that breaks the text rule cannot be written back as JSON
                if (Text.isValid(name)) {
                    problems.add(new FieldError(path + name, "is not a known field"));
                } else {
                    problems.add(new FieldError(path.isEmpty() ? "body" : path + "*",
                            "has an unknown field whose name breaks the text rule (too long or malformed)"));
                }
                continue;
            }
            JsonNode value = field.getValue();
            JsonNode bound = value.isNull() ? value : value(component.getGenericType(), value, path + name, problems);
            if (bound != null) {
                readable.set(name, bound);
            }
        }
        return readable;
    }

    /** The value to bind to a field of this type, or null (left out) when it has the wrong JSON type. */
    private static JsonNode value(Type type, JsonNode value, String at, List<FieldError> problems) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return value.isTextual() ? value : problem(problems, at, "must be a string");
        }
        if (raw == Integer.class) {
            return value.isIntegralNumber() && value.canConvertToInt() ? value
                    : problem(problems, at, "must be a whole number");
        }
        if (raw == Amount.class) {
            if (!value.isTextual()) {
                return problem(problems, at, "must be a string");
            }
            try {
                Amount.parse(value.textValue());
                return value;
            } catch (InvalidAmountException e) {
                return problem(problems, at, e.getMessage());
            }
        }
        if (Map.class.isAssignableFrom(raw)) {
            return strings(value, at, problems);
        }
        if (List.class.isAssignableFrom(raw)) {
            Class<?> element = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
            return element.isRecord() ? records(value, element, at, problems) : stringList(value, at, problems);
        }
        if (raw.isRecord()) {
            return value.isObject() ? readable((ObjectNode) value, raw, at + ".", problems)
                    : problem(problems, at, "must be an object");
        }
        throw new IllegalStateException("a request record's field of type " + type + " has no reading rule");
    }

    /** An object of strings ({@code metadata}): an entry of another type is reported as {@code field.key}. */
    private static JsonNode strings(JsonNode value, String at, List<FieldError> problems) {
        if (!value.isObject()) {
            return problem(problems, at, "must be an object of strings");
        }
        ObjectNode strings = value.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> entries = strings.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                problems.add(new FieldError(at + "." + entry.getKey(), "must be a string"));
                entries.remove();
            }
        }
        return strings;
    }

    private static JsonNode stringList(JsonNode value, String at, List<FieldError> problems) {
        if (!value.isArray()) {
            return problem(problems, at, "must be a list of strings");
        }
        boolean allStrings = true;
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                problems.add(new FieldError(at + "[" + i + "]", "must be a string"));
                allStrings = false;
            }
        }
        return allStrings ? value : null;
    }

    /**
     * An array of objects ({@code legs}), each held against its record. An element that is not an object is reported
     * and bound as {@code {}}, so that the elements after it keep their index in what is reported about them.
     */
    private static JsonNode records(JsonNode value, Class<?> record, String at, List<FieldError> problems) {
        if (!value.isArray()) {
            return problem(problems, at, "must be an array");
        }
        ArrayNode elements = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementAt = at + "[" + i + "]";
            if (element.isObject()) {
                elements.add(readable((ObjectNode) element, record, elementAt + ".", problems));
            } else {
                problems.add(new FieldError(elementAt, "must be an object"));
                elements.add(JsonNodeFactory.instance.objectNode());
            }
        }
        return elements;
    }

    private static JsonNode problem(List<FieldError> problems, String field, String message) {
        problems.add(new FieldError(field, message));
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalStateException("a request record's field of type " + type + " has no reading rule");
    }
}
