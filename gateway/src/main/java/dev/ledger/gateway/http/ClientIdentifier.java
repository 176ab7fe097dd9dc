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

/** An identifier the client chooses (an owner's, a user's id): the {@link Text} rule, and not blank. */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = ClientIdentifier.Rule.class)
public @interface ClientIdentifier {

    String message() default "breaks the identifier rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<ClientIdentifier, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.report(Text.identifierProblem(value), context);
        }
    }
}
