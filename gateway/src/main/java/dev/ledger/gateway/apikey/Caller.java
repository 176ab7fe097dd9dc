package dev.ledger.gateway.apikey;

import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;

/** The authenticated caller of a request, resolved from its {@code X-API-Key}. */
public record Caller(String keyId, Role role, String userId, String billingWalletId) {

    /**
     * Idempotency keys are scoped to this: a client's user id (all of a user's keys share one scope), the
     * key itself for admins and auditors.
     */
    public String principal() {
        return role == Role.CLIENT ? "client:" + userId : role.apiName() + ":" + keyId;
    }

    public Actor actor() {
        return new Actor(principal(), role, userId);
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }
}
