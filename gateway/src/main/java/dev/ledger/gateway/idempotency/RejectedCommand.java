package dev.ledger.gateway.idempotency;

import dev.ledger.events.problem.LedgerException;

/** A rejection the domain decided for a command with an idempotency key, possibly replayed. */
public class RejectedCommand extends RuntimeException {

    private final transient LedgerException problem;
    private final boolean replayed;

    public RejectedCommand(LedgerException problem, boolean replayed) {
        super(problem.getMessage(), null, false, false);
        this.problem = problem;
        this.replayed = replayed;
    }

    public LedgerException problem() {
        return problem;
    }

    public boolean replayed() {
        return replayed;
    }
}
