package dev.ledger.events.metadata;

import dev.ledger.events.text.Text;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The metadata rule of API.md §1: the caller's own identifiers on a resource, at most {@value #MAX_ENTRIES} entries,
 * keys of 1–{@value #MAX_KEY_LENGTH} characters of {@code [A-Za-z0-9_.-]}, values free text ({@link Text}). Keys are
 * that narrow so that a filter {@code metadata[key]=value} needs no escaping in a URL and no quoting in an index.
 */
public final class Metadata {

    public static final int MAX_ENTRIES = 20;
    public static final int MAX_KEY_LENGTH = 40;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY_LENGTH + "}");

    private Metadata() {
    }

    /** What is wrong with a key, if anything. */
    public static Optional<String> keyProblem(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.of("keys are 1-" + MAX_KEY_LENGTH + " characters of A-Z, a-z, 0-9, '_', '.', '-'");
        }
        return Optional.empty();
    }

    /** What is wrong with a value, if anything: the Text rule. */
    public static Optional<String> valueProblem(String value) {
        return Text.problem(value);
    }
}
