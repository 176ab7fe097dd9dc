package dev.ledger.gateway.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.ledger.events.text.Text;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Free text a client writes (a label, a reference, a description): the {@link Text} rule of API.md §1. */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = FreeText.Rule.class)
public @interface FreeText {

    String message() default "breaks the text rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<FreeText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.report(Text.problem(value), context);
        }
    }
}
