package dev.ledger.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ledger.events.problem.DatabaseUnavailable;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Each failure as the layer that meets it first would wrap it. */
class DatabaseUnavailableTest {

    @Test
    void aRefusedConnectionBehindTheTransactionManagerAndAxonIsAnOutage() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2000ms.", "08001", refused);
        Exception wrapped = new CommandExecutionException("command failed",
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", pool)));

        assertThat(DatabaseUnavailable.isCause(wrapped)).isTrue();
    }

    @Test
    void aPoolThatTimesOutWithoutAnySqlStateIsAnOutageByItsType() {
        // Hikari gives no SQLState when none of its attempts failed yet; its exception type says it all
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available", (String) null)))).isTrue();
    }

    @Test
    void aConnectionBrokenMidTransactionOrAtCommitIsAnOutage() {
        PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);
        assertThat(DatabaseUnavailable.isCause(new DataAccessResourceFailureException("commit", broken))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("Could not commit", broken))).isTrue();
        assertThat(DatabaseUnavailable.isCause(
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST)))
                .isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingUpIsAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("crash shutdown", "57P02"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void aConnectionThePoolHasAlreadyTakenAwayIsAnOutage() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:stand-in");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Connection handle = pool.getConnection();
            // what Hikari does to a connection that failed with class 08: the handle now leads to its stand-in
            handle.close();
            SQLException standIn = catchThrowableOfType(SQLException.class, () -> handle.prepareStatement("select 1"));

            assertThat(standIn.getSQLState()).isNull();
            assertThat(DatabaseUnavailable.isCause(new RuntimeException("Error when preparing statement.", standIn)))
                    .isTrue();
        }
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("canceling statement due to user request", "57014")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("no state"))).isFalse();
    }

    @Test
    void aMessageThatMerelyTalksAboutConnectionsIsNot() {
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("Connection refused: database down",
                new RuntimeException("08006 connection failure")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("Connection is closed"))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DatabaseUnavailable.isCause(first)).isFalse();
    }
}
