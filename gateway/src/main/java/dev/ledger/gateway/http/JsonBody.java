package dev.ledger.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.events.metadata.Metadata;
import dev.ledger.events.text.Text;
import dev.ledger.gateway.problem.RequestValidation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request body read strictly: one JSON object (or nothing, or {@code null}, which mean {@code {}}) with no
 * duplicate keys and nothing after it, fields of the right JSON type, no fields the endpoint does not know, text that follows
 * {@link Text}. Every problem found is reported in one 400.
 *
 * <p>Strict because a lenient reader decides differently from the client: of {@code {"amount":"1","amount":"2"}}
 * one side reads 1 and the other 2, and {@code {"amount":"1.00"}}} is a request the client did not mean to send.
 */
public final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final ObjectNode node;
    private final RequestValidation validation;
    /** Where this object sits in the request ({@code legs[0].}), so that every problem names its field in full. */
    private final String path;

    private JsonBody(ObjectNode node) {
        this(node, new RequestValidation(), "");
    }

    private JsonBody(ObjectNode node, RequestValidation validation, String path) {
        this.node = node;
        this.validation = validation;
        this.path = path;
    }

    public static JsonBody parse(byte[] raw) {
        String text = raw == null ? "" : utf8(raw);
        if (text.isBlank()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (IOException malformed) {
            throw RequestValidation.invalid("body",
                    "is not one well-formed JSON document (no duplicate keys, nothing after it)");
        }
        // The JSON literal null is what a generated client sends for an optional body left out (a capture without
        // an amount): no fields, like an empty body; its canonical form is {} too, so a retry with either replays.
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (!parsed.isObject()) {
            throw RequestValidation.invalid("body", "must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    /**
     * JSON is UTF-8 (RFC 8259), decoded strictly: Jackson's own decoder reads an overlong {@code C0 AF} as {@code /}
     * and {@code ED A0 80} as a lone surrogate, so a request could mean something other than its bytes say.
     */
    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException malformed) {
            throw RequestValidation.invalid("body", "is not valid UTF-8");
        }
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
            if (allowed.contains(name)) {
                continue;
            }
            // the problem names the field, and a name that breaks the text rule cannot be written back as JSON
            if (Text.isValid(name)) {
                validation.reject(path + name, "is not a known field");
            } else {
                validation.reject(path.isEmpty() ? "body" : path + "*",
                        "has an unknown field whose name breaks the text rule (too long or malformed)");
            }
        }
        return this;
    }

    public String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            validation.reject(path + field, "is required");
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
            validation.reject(path + field, "must be an id issued by this API");
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

    /** Optional free text (a label, a reference, a description), held to the {@link Text} rule. */
    public String optionalText(String field) {
        String value = optionalString(field);
        Text.problem(value).ifPresent(message -> validation.reject(path + field, message));
        return value;
    }

    /** An optional identifier the client chooses (an owner's or a user's id): the {@link Text} rule, not blank. */
    public String optionalIdentifier(String field) {
        String value = optionalString(field);
        Text.identifierProblem(value).ifPresent(message -> validation.reject(path + field, message));
        return value;
    }

    public Integer optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            validation.reject(path + field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    /**
     * A required array of objects ({@code legs}), each read as a body of its own whose problems are reported here,
     * named {@code field[i].name}; a missing array or an element that is not an object is reported too.
     */
    public List<JsonBody> requiredObjects(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            validation.reject(path + field, "is required");
            return List.of();
        }
        if (!value.isArray()) {
            validation.reject(path + field, "must be an array");
            return List.of();
        }
        List<JsonBody> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String at = path + field + "[" + i + "]";
            if (!element.isObject()) {
                validation.reject(at, "must be an object");
                continue;
            }
            elements.add(new JsonBody((ObjectNode) element, validation, at + "."));
        }
        return elements;
    }

    /**
     * The optional {@code metadata} object of API.md §1: string values only, at most {@link Metadata#MAX_ENTRIES}
     * entries, keys and values by {@link Metadata}'s rule. Empty when absent.
     */
    public Map<String, String> optionalMetadata() {
        String field = path + "metadata";
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            validation.reject(field, "must be an object of strings");
            return Map.of();
        }
        if (value.size() > Metadata.MAX_ENTRIES) {
            validation.reject(field, "must have at most " + Metadata.MAX_ENTRIES + " entries");
            return Map.of();
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Optional<String> keyProblem = Metadata.keyProblem(entry.getKey());
            if (keyProblem.isPresent()) {
                validation.reject(field, keyProblem.get());
                continue;
            }
            String entryField = field + "." + entry.getKey();
            if (!entry.getValue().isTextual()) {
                validation.reject(entryField, "must be a string");
                continue;
            }
            Metadata.valueProblem(entry.getValue().textValue())
                    .ifPresentOrElse(message -> validation.reject(entryField, message),
                            () -> metadata.put(entry.getKey(), entry.getValue().textValue()));
        }
        return metadata;
    }

    /** Reports a problem with one of this object's fields, named by its full path in the request. */
    public void reject(String field, String message) {
        validation.reject(path + field, message);
    }

    /** A required JSON array of strings; a wrong element is reported as {@code field[i]}. */
    public List<String> requiredStringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            validation.reject(path + field, "is required");
            return null;
        }
        if (!value.isArray()) {
            validation.reject(path + field, "must be a list of strings");
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
            validation.reject(path + field, "must be a string");
            return null;
        }
        return value.textValue();
    }
}
