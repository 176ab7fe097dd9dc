package dev.ledger.gateway.openapi;

import dev.ledger.events.problem.ErrorCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint answers, for its OpenAPI description (docs/adr/017): the success status, whether it may answer
 * 202 before the work has settled, whether it sends a {@code Location}, and the error codes of its own domain.
 *
 * <p>Everything the API's conventions already decide is added by {@link ContractCustomizer} and is not repeated
 * here: 400/401/403/429/500/503 on every operation, 404 with a path parameter, 415 with a request body, the
 * {@code Idempotency-Key} header and its 400/409/422 on the paths API.md gives one, 503 {@code read-model-behind}
 * with {@code minVersion}. A read without this annotation answers 200, a DELETE 204.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiContract {

    /** The success status. */
    int status() default 200;

    /** Answers 202 with the same body and a {@code Location} when the work has not settled within 5 s. */
    boolean mayAccept() default false;

    /** The success response carries a {@code Location} header naming the created resource. */
    boolean location() default false;

    /** The codes this operation's domain rules answer, beyond those every operation of its kind can answer. */
    ErrorCode[] errors() default {};
}
