package dev.ledger.events.idempotency;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;

/**
 * The first use of an Idempotency-Key, as a later request with the same key finds it. The one rule for every
 * keyed request, commands and metered calls alike: only the very same request (same fingerprint) is answered again
 * with the first one's response; another request under the key is refused, since answering it would report an
 * outcome the client never asked for; and while the first use is still running there is nothing to answer yet.
 */
public record EarlierUse(String requestHash, boolean complete) {

    /**
     * Throws the refusal when a request with this fingerprint may not be answered with this use's response:
     * {@code idempotency-key-reused} for a different request (checked first, so a mismatch is never mistaken for a
     * retry to wait on), {@code idempotency-key-in-flight} while the first use is running.
     */
    public void requireReplayableBy(String requestHash) {
        if (!this.requestHash.equals(requestHash)) {
            throw new LedgerException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request");
        }
        if (!complete) {
            throw inFlight();
        }
    }

    /** The first use is still running: the same request, retried later, gets its answer. */
    public static LedgerException inFlight() {
        return new LedgerException(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                "a request with this Idempotency-Key is still being processed");
    }
}
