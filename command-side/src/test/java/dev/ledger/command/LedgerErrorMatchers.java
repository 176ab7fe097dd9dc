package dev.ledger.command;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import java.util.List;
import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Hamcrest matchers for the domain's one exception type, shared by the aggregate fixture tests. */
public final class LedgerErrorMatchers {

    private LedgerErrorMatchers() {
    }

    /** A {@link LedgerException} with this code; errors are told apart by code, never by message text. */
    public static Matcher<LedgerException> ledgerError(ErrorCode code) {
        return ledgerError(code, Map.of());
    }

    /** A {@link LedgerException} with this code whose extensions include these entries. */
    public static Matcher<LedgerException> ledgerError(ErrorCode code, Map<String, Object> extensions) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual.code()).appendText(" ")
                        .appendValue(actual.detail()).appendText(" with extensions ")
                        .appendValue(actual.extensions());
                return actual.code() == code
                        && extensions.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(actual.extensions().get(e.getKey())));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException ").appendValue(code);
                if (!extensions.isEmpty()) {
                    description.appendText(" with extensions including ").appendValue(extensions);
                }
            }
        };
    }

    /** VALIDATION_FAILED naming exactly one invalid field, as the problem's {@code errors} list. */
    public static Matcher<LedgerException> validationFailedOn(String field) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual.code()).appendText(" with extensions ")
                        .appendValue(actual.extensions());
                if (actual.code() != ErrorCode.VALIDATION_FAILED
                        || !(actual.extensions().get("errors") instanceof List<?> errors) || errors.size() != 1
                        || !(errors.get(0) instanceof FieldError error)) {
                    return false;
                }
                return field.equals(error.field()) && error.message() != null && !error.message().isBlank();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException VALIDATION_FAILED with errors [{field: ")
                        .appendValue(field).appendText(", message: ...}]");
            }
        };
    }
}
