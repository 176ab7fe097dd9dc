package dev.ledger.gateway.metering;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose successful (2xx/3xx) responses are charged to the caller's billing wallet (API.md §6):
 * the cost is held before the endpoint runs, captured when it succeeds and voided when it does not.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Metered {

    /** The price of one successful call, in minor units of the billing wallet's currency. */
    long costMinorUnits();
}
