package dev.ledger.events.text;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule for text a client writes into the ledger (API.md §1 <em>Text</em>): free text ({@code label},
 * {@code reference}, {@code description}, {@code reason}, metadata values) and the identifiers clients choose
 * ({@code ownerId}, {@code userId}).
 *
 * <p>Such text outlives the request: it is stored in events forever and copied into every read model. What one
 * store accepts another may not, and a read model that cannot hold an event's text stops at that event for good.
 * So the rule is decided here, once, before anything is recorded:
 * <ul>
 *     <li>no control character (U+0000–U+001F, U+007F): PostgreSQL text cannot hold U+0000 at all, and the
 *     others corrupt logs, CSV exports and terminals;</li>
 *     <li>well-formed Unicode: a lone surrogate has no UTF-8 encoding, so neither JSON writers nor the database
 *     can store it faithfully;</li>
 *     <li>at most {@value #MAX_LENGTH} characters, counted in UTF-16 code units (as JavaScript's {@code length}
 *     counts): the read models' columns hold 255, and the embedded H2 database counts a character outside the
 *     Basic Multilingual Plane (an emoji) as two.</li>
 * </ul>
 */
public final class Text {

    public static final int MAX_LENGTH = 255;

    private Text() {
    }

    /** What is wrong with this text, completing "field ...", or empty when it follows the rule (null does). */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("must not contain control characters (U+0000 to U+001F, U+007F)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be well-formed Unicode (a lone surrogate is not)");
            }
        }
        return Optional.empty();
    }

    /** What is wrong with this client-chosen identifier: the text rule, and not blank (no-break spaces are blank). */
    public static Optional<String> identifierProblem(String value) {
        if (value != null && value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return Optional.of("must not be blank");
        }
        return problem(value);
    }

    public static boolean isValid(String value) {
        return problem(value).isEmpty();
    }

    /**
     * For commands: refuses text that breaks the rule, naming the field, as the gateway would have. A command is
     * the last door before an event; whatever builds one without the gateway's checks still cannot record such text.
     */
    public static void require(String field, String value) {
        problem(value).ifPresent(message -> {
            throw invalid(field, message);
        });
    }

    /** {@link #require} for a client-chosen identifier. */
    public static void requireIdentifier(String field, String value) {
        identifierProblem(value).ifPresent(message -> {
            throw invalid(field, message);
        });
    }

    private static LedgerException invalid(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }
}
