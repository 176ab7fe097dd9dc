package dev.ledger.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.gateway.problem.InvalidRequestBody;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * Reads a request body into the endpoint's request record ({@code @Valid @RequestBody}), strictly: one JSON object
 * (or nothing, or {@code null}, which mean {@code {}}) of at most 64 KiB of UTF-8, with no duplicate keys and nothing
 * after it, no fields the record does not have, values of the right JSON type ({@link RecordShape}). That a body is
 * declared {@code application/json} at all is checked before, by {@link StrictRequestFilter}; the record's own rules
 * (required fields, text, currencies, …) are its Bean Validation constraints, checked by {@code @Valid}.
 *
 * <p>Strict because a lenient reader decides differently from the client: of {@code {"amount":"1","amount":"2"}}
 * one side reads 1 and the other 2, and {@code {"amount":"1.00"}}} is a request the client did not mean to send.
 *
 * <p>A body that cannot be bound is refused with {@link InvalidRequestBody}; its record is still checked as far as it
 * could be bound, so that one 400 names every problem.
 */
public class RequestRecordConverter implements HttpMessageConverter<Object> {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(AmountJson.MODULE)
            .build();

    private final Validator validator;

    public RequestRecordConverter(Validator validator) {
        this.validator = validator;
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        // whatever the declared type: StrictRequestFilter answered 415 to a body that is not JSON, and a request
        // without a body declares none
        return type.isRecord();
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.APPLICATION_JSON);
    }

    @Override
    public Object read(Class<?> type, HttpInputMessage input) {
        byte[] raw;
        try (InputStream in = input.getBody()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException unreadable) {
            // a malformed chunked encoding, or a client gone mid-body: there is no request to run either way
            throw InvalidRequestBody.of("body", "could not be read: its framing is malformed or it ended early",
                    input);
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw InvalidRequestBody.of("body", "is larger than 64 KiB", input);
        }
        return bind(parse(utf8(raw, input), input), type, input);
    }

    /** The record of a request without a body: as if it were {@code {}}. */
    Object empty(Class<?> type, HttpInputMessage input) {
        return bind(JsonNodeFactory.instance.objectNode(), type, input);
    }

    @Override
    public void write(Object value, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("request records are read, never written");
    }

    private static ObjectNode parse(String text, HttpInputMessage input) {
        if (text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (IOException malformed) {
            throw InvalidRequestBody.of("body",
                    "is not one well-formed JSON document (no duplicate keys, nothing after it)", input);
        }
        // The JSON literal null is what a generated client sends for an optional body left out (a capture without
        // an amount): no fields, like an empty body; its canonical form is {} too, so a retry with either replays.
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!parsed.isObject()) {
            throw InvalidRequestBody.of("body", "must be a JSON object", input);
        }
        return (ObjectNode) parsed;
    }

    /**
     * JSON is UTF-8 (RFC 8259), decoded strictly: Jackson's own decoder reads an overlong {@code C0 AF} as {@code /}
     * and {@code ED A0 80} as a lone surrogate, so a request could mean something other than its bytes say.
     */
    private static String utf8(byte[] raw, HttpInputMessage input) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException malformed) {
            throw InvalidRequestBody.of("body", "is not valid UTF-8", input);
        }
    }

    private Object bind(ObjectNode body, Class<?> type, HttpInputMessage input) {
        List<FieldError> problems = new ArrayList<>();
        ObjectNode readable = RecordShape.readable(body, type, "", problems);
        Object record;
        try {
            record = STRICT.treeToValue(readable, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a body held to its record's shape always binds", e);
        }
        if (problems.isEmpty()) {
            return record;
        }
        // what could be bound is checked too, except where a problem was already found
        for (FieldError violation : Violations.of(validator, record)) {
            if (problems.stream().noneMatch(problem -> covers(problem.field(), violation.field()))) {
                problems.add(violation);
            }
        }
        problems.sort(Comparator.comparingInt(problem -> Violations.position(type, problem.field())));
        throw new InvalidRequestBody(problems, input);
    }

    private static boolean covers(String reported, String field) {
        return field.equals(reported) || field.startsWith(reported + ".") || field.startsWith(reported + "[");
    }
}
