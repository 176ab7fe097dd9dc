package dev.ledger.events.problem;

import java.util.Map;

/**
 * The one exception type of the domain: a code from {@link ErrorCode}, a human detail, and the extra
 * fields the contract names for that code (for example {@code currentState}).
 */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> extensions;
    private final boolean undoesEverything;

    public LedgerException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public LedgerException(ErrorCode code, String detail, Map<String, Object> extensions) {
        this(code, detail, extensions, false);
    }

    private LedgerException(ErrorCode code, String detail, Map<String, Object> extensions, boolean undoesEverything) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
        this.undoesEverything = undoesEverything;
    }

    /**
     * The same refusal, raised after a command already caused effects it must not keep (a process whose second step
     * failed): the whole transaction is rolled back, and so nothing is recorded for the idempotency key either.
     */
    public LedgerException undoingEverything() {
        return new LedgerException(code, detail(), extensions, true);
    }

    /** Whether the whole transaction must roll back, whoever sent the command (see {@link #undoingEverything()}). */
    public boolean undoesEverything() {
        return undoesEverything;
    }

    /** Whether this rejection is the command's outcome, committed and replayed for its idempotency key. */
    public boolean isOutcome() {
        return code.isDecidedByDomain() && !undoesEverything;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static LedgerException notFound(String what) {
        return new LedgerException(ErrorCode.NOT_FOUND, what + " was not found");
    }

    public static LedgerException forbidden(String detail) {
        return new LedgerException(ErrorCode.FORBIDDEN, detail);
    }
}
