package dev.ledger.events.idempotency;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import java.util.Map;

/**
 * What a command carrying an idempotency key answered: its result or the rejection the domain decided,
 * and whether this answer is a replay of the first one.
 */
public record CommandOutcome(boolean replayed, Object result, ErrorCode rejection, String detail,
                             Map<String, Object> extensions) {

    public static CommandOutcome success(Object result) {
        return new CommandOutcome(false, result, null, null, Map.of());
    }

    public static CommandOutcome rejected(LedgerException rejection) {
        return new CommandOutcome(false, null, rejection.code(), rejection.detail(), rejection.extensions());
    }

    public CommandOutcome asReplay() {
        return new CommandOutcome(true, result, rejection, detail, extensions);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    public LedgerException rejectionAsException() {
        return new LedgerException(rejection, detail, extensions == null ? Map.of() : extensions);
    }
}
