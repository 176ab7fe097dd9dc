package dev.ledger.gateway.http;

import dev.ledger.events.problem.FieldError;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Bean Validation's findings about a request record, as the API names them: a field path and a message. */
public final class Violations {

    private Violations() {
    }

    /**
     * The record's violations, one per field and message, in the order of the record's components (Bean Validation
     * finds them in no particular order; a client reading the 400 should see its fields in the order it wrote them).
     */
    static List<FieldError> of(Validator validator, Object record) {
        Set<FieldError> found = new LinkedHashSet<>();
        for (ConstraintViolation<Object> violation : validator.validate(record)) {
            found.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        List<FieldError> ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparingInt(error -> position(record.getClass(), error.field())));
        return ordered;
    }

    /** Where a field (or a path starting with it) stands among the record's components; an unknown one comes first. */
    static int position(Class<?> record, String field) {
        String root = field.split("[.\\[]", 2)[0];
        RecordComponent[] components = record.getRecordComponents();
        if (components == null) {
            return -1;
        }
        return Arrays.stream(components).map(RecordComponent::getName).toList().indexOf(root);
    }

    /** A constraint whose message depends on the value: reports the problem, if there is one, as the message. */
    public static boolean report(Optional<String> problem, ConstraintValidatorContext context) {
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        add(context, problem.get());
        return false;
    }

    public static void add(ConstraintValidatorContext context, String message) {
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
    }

    /** A message used as it is: Bean Validation would read {@code {…}} and {@code ${…}} in it as expressions. */
    public static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
