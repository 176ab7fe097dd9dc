package dev.ledger.gateway.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.ledger.events.money.Currencies;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A currency this ledger keeps: an ISO 4217 code, or CRD (credits). */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = CurrencyCode.Rule.class)
public @interface CurrencyCode {

    String message() default "must be an ISO 4217 code or CRD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<CurrencyCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Currencies.isSupported(value);
        }
    }
}
