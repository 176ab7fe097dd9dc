package dev.ledger.events.access;

import java.util.Objects;

/**
 * Who issues a command: the principal its API key belongs to, the key's role and, for clients, the
 * user id that owns wallets. Aggregates decide visibility and permission from it.
 */
public record Actor(String principal, Role role, String userId) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    public static Actor admin(String principal) {
        return new Actor(principal, Role.ADMIN, null);
    }

    public static Actor client(String userId) {
        return new Actor("client:" + userId, Role.CLIENT, userId);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins and auditors see everything; a client sees what it owns. */
    public boolean canSee(String ownerId) {
        return role != Role.CLIENT || Objects.equals(userId, ownerId);
    }

    /** The owner and admins may act on a resource; auditors never move money. */
    public boolean canActFor(String ownerId) {
        return isAdmin() || (role == Role.CLIENT && Objects.equals(userId, ownerId));
    }
}
