package dev.ledger.gateway.problem;

import dev.ledger.events.problem.FieldError;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** A request body that cannot become its request record, with every problem found in it. */
public final class InvalidRequestBody extends HttpMessageNotReadableException {

    private final transient List<FieldError> errors;

    public InvalidRequestBody(List<FieldError> errors, HttpInputMessage input) {
        super(errors.stream().map(error -> error.field() + " " + error.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request body"), input);
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestBody of(String field, String message, HttpInputMessage input) {
        return new InvalidRequestBody(List.of(new FieldError(field, message)), input);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
