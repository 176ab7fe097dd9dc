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
import java.util.Optional;

/**
 * A webhook endpoint's address: at most {@value WebhookController#MAX_URL_LENGTH} characters, and one the
 * {@link EndpointAddresses} policy lets the service call (no private networks unless allowed, …).
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = WebhookUrl.Rule.class)
@interface WebhookUrl {

    String message() default "is not an address webhooks are sent to";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Built by Spring's validator factory, which hands it the address policy. */
    final class Rule implements ConstraintValidator<WebhookUrl, String> {

        private final EndpointAddresses addresses;

        Rule(EndpointAddresses addresses) {
            this.addresses = addresses;
        }

        @Override
        public boolean isValid(String url, ConstraintValidatorContext context) {
            if (url == null) {
                return true;
            }
            if (url.length() > WebhookController.MAX_URL_LENGTH) {
                return Violations.report(Optional.of("must be at most " + WebhookController.MAX_URL_LENGTH
                        + " characters"), context);
            }
            return Violations.report(addresses.refusal(url), context);
        }
    }
}
