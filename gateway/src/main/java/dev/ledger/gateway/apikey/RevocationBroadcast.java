package dev.ledger.gateway.apikey;

/**
 * Tells the other instances that a key was revoked, so they evict it from their {@link CallerCache}. Called inside the
 * revoking transaction: the news goes out when the revocation commits, and not at all when it rolls back.
 */
@FunctionalInterface
interface RevocationBroadcast {

    /** One instance alone (the embedded H2 database): evicting its own cache is all there is to do. */
    RevocationBroadcast NOBODY_ELSE = keyId -> {
    };

    void announce(String keyId);
}
