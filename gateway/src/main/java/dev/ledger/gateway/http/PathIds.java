package dev.ledger.gateway.http;

import dev.ledger.events.problem.LedgerException;
import java.util.UUID;

/** Ids in paths are server-generated UUIDs; anything else names nothing that exists. */
public final class PathIds {

    private PathIds() {
    }

    public static String require(String id, String what) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equals(id.toLowerCase())) {
                return parsed.toString();
            }
        } catch (IllegalArgumentException notAUuid) {
            // falls through to not found
        }
        throw LedgerException.notFound(what + " " + id);
    }
}
