package dev.ledger.gateway.http;

import dev.ledger.events.problem.LedgerException;
import java.util.Locale;
import java.util.UUID;

/** Ids in paths are server-generated UUIDs; anything else names nothing that exists. */
public final class PathIds {

    private PathIds() {
    }

    public static String require(String id, String what) {
        if (isId(id)) {
            return id.toLowerCase(Locale.ROOT);
        }
        throw LedgerException.notFound(what + " " + id);
    }

    /** An id that {@link #isId} accepted, as this API writes it (UUIDs in lower case); null stays null. */
    public static String normalize(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    public static boolean isId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
