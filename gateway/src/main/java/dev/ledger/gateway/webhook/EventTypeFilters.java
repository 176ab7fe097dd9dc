package dev.ledger.gateway.webhook;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.ledger.gateway.http.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The event types a webhook subscribes to: 1 to {@value WebhookController#MAX_EVENT_TYPES} different ones, each an
 * event type, a family wildcard such as {@code wallet.*}, or {@code *} ({@link EventTypes}).
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = EventTypeFilters.Rule.class)
@interface EventTypeFilters {

    String message() default "must name event types";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<EventTypeFilters, List<String>> {
        @Override
        public boolean isValid(List<String> eventTypes, ConstraintValidatorContext context) {
            if (eventTypes == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            List<String> distinct = List.copyOf(new LinkedHashSet<>(eventTypes));
            boolean valid = true;
            if (distinct.isEmpty()) {
                Violations.add(context, "must name at least one event type");
                valid = false;
            } else if (distinct.size() > WebhookController.MAX_EVENT_TYPES) {
                Violations.add(context, "must name at most " + WebhookController.MAX_EVENT_TYPES + " event types");
                valid = false;
            }
            for (String type : distinct) {
                if (!EventTypes.isValidFilter(type)) {
                    Violations.add(context, "'" + type + "' is not an event type, a family wildcard such as wallet.*, "
                            + "or *; the types are " + String.join(", ", EventTypes.ALL));
                    valid = false;
                }
            }
            return valid;
        }
    }
}
