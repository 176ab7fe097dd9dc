package dev.ledger.gateway.http;

import dev.ledger.gateway.problem.RequestValidation;

/** The {@code limit} of a list endpoint: 1 to 500, 50 when absent. */
public final class PageLimit {

    public static final int DEFAULT = 50;
    public static final int MAX = 500;

    private PageLimit() {
    }

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw RequestValidation.invalid("limit", "must be between 1 and " + MAX);
        }
        return requested;
    }
}
