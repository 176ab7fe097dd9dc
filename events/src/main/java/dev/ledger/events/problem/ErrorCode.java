package dev.ledger.events.problem;

/**
 * The closed set of error codes of the API (API.md §1). The gateway maps each to its HTTP status in one place.
 */
public enum ErrorCode {
    VALIDATION_FAILED("validation-failed", Outcome.REFUSED),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", Outcome.REFUSED),
    UNAUTHENTICATED("unauthenticated", Outcome.REFUSED),
    INSUFFICIENT_CREDITS("insufficient-credits", Outcome.REFUSED),
    NO_BILLING_WALLET("no-billing-wallet", Outcome.REFUSED),
    FORBIDDEN("forbidden", Outcome.REFUSED),
    NOT_FOUND("not-found", Outcome.REFUSED),
    INVALID_STATE_TRANSITION("invalid-state-transition", Outcome.DECIDED),
    HOLD_NOT_ACTIVE("hold-not-active", Outcome.DECIDED),
    WALLET_NOT_ACTIVE("wallet-not-active", Outcome.DECIDED),
    WALLET_NOT_EMPTY("wallet-not-empty", Outcome.DECIDED),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", Outcome.REFUSED),
    INSUFFICIENT_FUNDS("insufficient-funds", Outcome.DECIDED),
    CURRENCY_MISMATCH("currency-mismatch", Outcome.DECIDED),
    CAPTURE_EXCEEDS_HOLD("capture-exceeds-hold", Outcome.DECIDED),
    REVERSAL_EXCEEDS_TRANSFER("reversal-exceeds-transfer", Outcome.DECIDED),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", Outcome.REFUSED),
    RATE_LIMITED("rate-limited", Outcome.REFUSED),
    READ_MODEL_BEHIND("read-model-behind", Outcome.REFUSED),
    SERVICE_UNAVAILABLE("service-unavailable", Outcome.REFUSED),
    // Beyond API.md's examples: HTTP-level refusals, an optimistic-concurrency loss between nodes, and replays.
    METHOD_NOT_ALLOWED("method-not-allowed", Outcome.REFUSED),
    NOT_ACCEPTABLE("not-acceptable", Outcome.REFUSED),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Outcome.REFUSED),
    CONCURRENT_MODIFICATION("concurrent-modification", Outcome.REFUSED),
    REPLAY_IN_PROGRESS("replay-in-progress", Outcome.REFUSED),
    NOT_REPLAYABLE("not-replayable", Outcome.REFUSED),
    INTERNAL_ERROR("internal-error", Outcome.REFUSED);

    /**
     * Whether the domain reached a decision. A decided rejection (not enough money, wrong state) is the
     * command's outcome and is replayed for its idempotency key; a refused request never reached the
     * domain and records nothing (API.md §1).
     */
    public enum Outcome { DECIDED, REFUSED }

    private final String code;
    private final Outcome outcome;

    ErrorCode(String code, Outcome outcome) {
        this.code = code;
        this.outcome = outcome;
    }

    public String code() {
        return code;
    }

    public boolean isDecidedByDomain() {
        return outcome == Outcome.DECIDED;
    }

    public static ErrorCode fromCode(String code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown error code " + code);
    }
}
