package dev.ledger.events.problem;

import java.util.Map;

/**
 * The one exception type of the domain: a code from {@link ErrorCode}, a human detail, and the extra
 * fields the contract names for that code (for example {@code currentState}).
 */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> extensions;

    public LedgerException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public LedgerException(ErrorCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
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
