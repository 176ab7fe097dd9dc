package dev.ledger.events.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure to reach the database from every other failure, whatever wrapped it on the way up: Axon's command
 * bus ({@code CommandExecutionException}), a transaction manager ({@code CannotCreateTransactionException}),
 * Spring JDBC ({@code DataAccessResourceFailureException}), Hikari's
 * pool ({@code SQLTransientConnectionException} when no connection comes within its timeout). All of them carry the
 * JDBC exception underneath, and that is what decides, by type and SQLState — never by message text, which drivers
 * word differently and translate:
 * <ul>
 *     <li>the JDBC connection exceptions ({@link SQLTransientConnectionException},
 *     {@link SQLNonTransientConnectionException}), which is what the JDBC spec makes of SQLState class 08;</li>
 *     <li>SQLState class {@code 08} (connection exception: refused, broken, gone), as PostgreSQL's driver reports it
 *     on a plain {@code SQLException};</li>
 *     <li>{@code 57P0x}: the server ended the session or will not open one (admin shutdown, crash shutdown, cannot
 *     connect now while it starts up or restarts). The rest of class 57 (a cancelled statement, say) is not an
 *     outage.</li>
 *     <li>a connection Hikari has already taken away: when a statement fails with a connection error, Hikari evicts
 *     the connection and puts a stand-in behind the borrower's handle, and every later use of that handle fails from
 *     the stand-in, with no SQLState. Code that swallows the first failure and tries again on the same transaction
 *     (db-scheduler, when it schedules a deadline) is left holding only that second one. It is recognised by where it
 *     was thrown, the stand-in's class.</li>
 * </ul>
 */
public final class DatabaseUnavailable {

    private static final String HIKARI_STAND_IN = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private DatabaseUnavailable() {
    }

    /** Whether this failure, or anything it wraps, says the database could not be reached. */
    public static boolean isCause(Throwable failure) {
        // a cause chain may loop back on itself; each exception is looked at once
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(SQLException sql) {
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) {
            return isFromHikarisStandIn(sql);
        }
        return state.startsWith("08") || state.startsWith("57P0");
    }

    private static boolean isFromHikarisStandIn(SQLException sql) {
        StackTraceElement[] frames = sql.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith(HIKARI_STAND_IN);
    }
}
