package dev.ledger.query.verification;

import dev.ledger.events.audit.VerificationMismatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The findings of one verification run, in the order the checks made them. */
final class Mismatches {

    /** Enough to see what is wrong; past it the report stops listing (it still is not ok). */
    static final int MAX = 1000;

    private final List<VerificationMismatch> found = new ArrayList<>();

    void add(String kind, String aggregate, String field, Object expected, Object found, Long position) {
        if (this.found.size() < MAX) {
            this.found.add(new VerificationMismatch(kind, aggregate, field, text(expected), text(found), position));
        }
    }

    /** A read-model column against the model's value, compared as the text the report would show. */
    void field(String table, String id, String column, Object expected, Object found) {
        if (!Objects.equals(text(expected), text(found))) {
            add("field", id, table + "." + column, expected, found, null);
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<VerificationMismatch> list() {
        return List.copyOf(found);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
