package dev.ledger.gateway.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.ledger.events.metadata.Metadata;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * The {@code metadata} of API.md §1, by {@link Metadata}'s rule: at most {@value Metadata#MAX_ENTRIES} entries; a bad
 * key is reported on {@code metadata} (it cannot name a field), a bad value on {@code metadata.<key>}.
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = MetadataEntries.Rule.class)
public @interface MetadataEntries {

    String message() default "breaks the metadata rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<MetadataEntries, Map<String, String>> {
        @Override
        public boolean isValid(Map<String, String> metadata, ConstraintValidatorContext context) {
            if (metadata == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (metadata.size() > Metadata.MAX_ENTRIES) {
                Violations.add(context, "must have at most " + Metadata.MAX_ENTRIES + " entries");
                return false;
            }
            boolean valid = true;
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                var keyProblem = Metadata.keyProblem(entry.getKey());
                if (keyProblem.isPresent()) {
                    Violations.add(context, keyProblem.get());
                    valid = false;
                    continue;
                }
                var valueProblem = Metadata.valueProblem(entry.getValue());
                if (valueProblem.isPresent()) {
                    context.buildConstraintViolationWithTemplate(Violations.literal(valueProblem.get()))
                            .addPropertyNode(entry.getKey()).addConstraintViolation();
                    valid = false;
                }
            }
            return valid;
        }
    }
}
