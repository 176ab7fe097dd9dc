package dev.ledger.query.page;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.events.time.SupportedInstants;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Opaque pagination cursors: the sort key of the last row a page showed, base64url-encoded so clients
 * treat it as a token. Keyset pagination stays stable while rows are inserted concurrently.
 */
public final class Keyset {

    private static final String SEPARATOR = "|";

    private Keyset() {
    }

    public static String encode(Object... keyParts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : keyParts) {
            if (!joined.isEmpty()) {
                joined.append(SEPARATOR);
            }
            joined.append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this API issued, or a 400 naming the {@code cursor} parameter. */
    public static List<String> decode(String cursor, int expectedParts) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            // a forged cursor must not carry what the database cannot compare (U+0000 fails a PostgreSQL query)
            if (!Text.isValid(joined)) {
                throw invalidCursor();
            }
            List<String> parts = List.of(joined.split("\\" + SEPARATOR, -1));
            if (parts.size() != expectedParts) {
                throw invalidCursor();
            }
            return parts;
        } catch (IllegalArgumentException notBase64) {
            throw invalidCursor();
        }
    }

    public static long decodeLong(String cursor) {
        try {
            return Long.parseLong(decode(cursor, 1).get(0));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    /**
     * A cursor part that holds the instant of the last row shown, as the database compares it. A forged one may name
     * an instant no timestamp holds ({@code +999999999-12-31T23:59:59Z}): that is a cursor this API did not issue.
     */
    public static Timestamp timestamp(String part) {
        Instant instant;
        try {
            instant = Instant.parse(part);
        } catch (DateTimeParseException notAnInstant) {
            throw invalidCursor();
        }
        if (!SupportedInstants.contains(instant)) {
            throw invalidCursor();
        }
        return Timestamp.from(instant);
    }

    public static LedgerException invalidCursor() {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, "cursor is not one this API issued",
                Map.of("errors", List.of(new FieldError("cursor", "is not one this API issued"))));
    }
}
