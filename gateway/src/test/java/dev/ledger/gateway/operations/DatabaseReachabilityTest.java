package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseReachabilityTest {

    private final DataSource dataSource = mock(DataSource.class);
    private final DatabaseReachability database = new DatabaseReachability(dataSource);
    private final CountDownLatch unplugged = new CountDownLatch(1);

    @AfterEach
    void stop() {
        unplugged.countDown();
        database.destroy();
    }

    @Test
    void aDatabaseThatAnswersIsReachable() throws Exception {
        Connection connection = mock(Connection.class);
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.isValid(2)).thenReturn(true);
        when(connection.getMetaData()).thenReturn(metaData);
        when(metaData.getDatabaseProductName()).thenReturn("PostgreSQL");

        assertThat(database.reachable()).contains("PostgreSQL");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsUnreachableWithinTheBudgetAndEveryCallerMeanwhileAtOnce() throws Exception {
        // the pool waits for a connection far longer than a probe may
        when(dataSource.getConnection()).thenAnswer(invocation -> {
            unplugged.await();
            throw new SQLTransientConnectionException("gone");
        });

        long started = System.nanoTime();
        assertThat(database.reachable()).isEmpty();
        Duration first = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        assertThat(database.reachable()).isEmpty();
        Duration second = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first).isBetween(DatabaseReachability.BUDGET.minusMillis(100),
                DatabaseReachability.BUDGET.plusSeconds(1));
        assertThat(second).as("the check still hangs: no second wait").isLessThan(Duration.ofMillis(100));
    }
}
