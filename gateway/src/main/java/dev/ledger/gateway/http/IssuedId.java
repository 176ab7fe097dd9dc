package dev.ledger.gateway.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The id of a resource, as this API issues them ({@link PathIds}); read it with {@link PathIds#normalize}. */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = IssuedId.Rule.class)
public @interface IssuedId {

    String message() default "must be an id issued by this API";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<IssuedId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PathIds.isId(value);
        }
    }
}
