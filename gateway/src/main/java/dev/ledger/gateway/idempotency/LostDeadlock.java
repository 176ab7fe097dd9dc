package dev.ledger.gateway.idempotency;

import java.sql.SQLException;
import org.axonframework.common.lock.DeadlockException;

/**
 * A command that was chosen to give way in a deadlock: by Axon's aggregate lock within this instance, or by
 * PostgreSQL (SQLSTATE 40P01) between instances. Either way its transaction was rolled back whole.
 */
final class LostDeadlock {

    private static final String POSTGRES_DEADLOCK = "40P01";

    private LostDeadlock() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql && POSTGRES_DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
