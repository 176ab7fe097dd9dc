package dev.ledger.gateway.idempotency;

import java.sql.SQLException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * A command that lost a race against another one and was rolled back whole, its idempotency claim with it, so it
 * can simply run again:
 * <ul>
 *   <li>a deadlock, chosen to give way by Axon's aggregate lock within this instance or by PostgreSQL (SQLSTATE
 *       40P01) between instances;</li>
 *   <li>a lost append: another instance appended to one of its aggregates between the load and the append (the
 *       store's unique (aggregate, sequence) key refused the second one).</li>
 * </ul>
 */
final class LostRace {

    private static final String POSTGRES_DEADLOCK = "40P01";

    private LostRace() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeadlockException || cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause instanceof SQLException sql && POSTGRES_DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
