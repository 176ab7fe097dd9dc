package dev.ledger.gateway.problem;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every problem with a request's input, so one 400 names them all. */
public final class RequestValidation {

    private final List<FieldError> errors = new ArrayList<>();

    public RequestValidation reject(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (hasErrors()) {
            throw failure();
        }
    }

    public LedgerException failure() {
        String detail = errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new LedgerException(ErrorCode.VALIDATION_FAILED, detail, Map.of("errors", List.copyOf(errors)));
    }

    public static LedgerException invalid(String field, String message) {
        return new RequestValidation().reject(field, message).failure();
    }
}
