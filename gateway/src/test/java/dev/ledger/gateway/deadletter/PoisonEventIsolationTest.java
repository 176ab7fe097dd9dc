package dev.ledger.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.ledger.gateway.deadletter.PoisonEventIsolation.IsolatedFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class PoisonEventIsolationTest {

    private static final String WALLET = "5b3f1f0e-8c1d-4f55-9d4a-2c7e6a1b9f00";

    private final DataSource dataSource = mock(DataSource.class);
    private final PoisonEventIsolation isolation = new PoisonEventIsolation(Set.of("wallet-entries"), dataSource);
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("a deposit");

    @ProcessingGroup("wallet-entries")
    static class Journal {
    }

    @ProcessingGroup("transfer-process")
    static class Process {
    }

    @Test
    void aFailureInABatchIsNotParkedButFailsTheBatch() {
        DataIntegrityViolationException failure = poison();

        assertThatThrownBy(() -> isolation.decide(fresh(failure), failure)).isSameAs(failure);
    }

    @Test
    void aFailureRolledBackToItsSavepointIsParkedWithItsCauseButNotTheSql() {
        DataIntegrityViolationException failure = poison();

        EnqueueDecision<EventMessage<?>> decision = isolation.decide(fresh(failure), new IsolatedFailure(failure));

        assertThat(decision.shouldEnqueue()).isTrue();
        ThrowableCause cause = (ThrowableCause) decision.enqueueCause().orElseThrow();
        assertThat(cause.type()).isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(cause.message()).isEqualTo("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
    }

    @Test
    void aFailureThatMayPassByItselfIsNeverParked() {
        CannotAcquireLockException lockTimeout = new CannotAcquireLockException("lock timeout");

        assertThatThrownBy(() -> isolation.decide(fresh(lockTimeout), new IsolatedFailure(lockTimeout)))
                .isSameAs(lockTimeout);
    }

    @Test
    void aRetriedLetterThatFailsAgainStaysParkedWithOneRetryMore() {
        DeadLetter<EventMessage<?>> retried = new JdbcDeadLetter<>("letter", 1, WALLET, Instant.now(), Instant.now(),
                null, MetaData.with(PoisonEventIsolation.RETRIES, 1), event);

        EnqueueDecision<EventMessage<?>> decision = isolation.decide(retried, new IsolatedFailure(poison()));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(PoisonEventIsolation.retries(decision.withDiagnostics(retried).diagnostics())).isEqualTo(2);
    }

    @Test
    void onlyTheEventHandlersOfProjectionsWithAQueueAreWrapped() {
        MessageHandlingMember<Journal> journal = member(Journal.class);
        MessageHandlingMember<Process> process = member(Process.class);

        assertThat(isolation.wrapHandler(journal)).isNotSameAs(journal);
        assertThat(isolation.wrapHandler(process)).isSameAs(process);
    }

    @Test
    void anEventIsAppliedWithoutSavepointUntilItHasFailedOnce() throws Exception {
        MessageHandlingMember<Journal> handler = member(Journal.class);
        DataIntegrityViolationException failure = poison();
        when(handler.handle(any(), any())).thenThrow(failure);
        MessageHandlingMember<Journal> wrapped = isolation.wrapHandler(handler);

        // first in a batch: no savepoint, the failure as it is
        assertThatThrownBy(() -> wrapped.handle(event, new Journal())).isSameAs(failure);
        verifyNoInteractions(dataSource);
        assertThatThrownBy(() -> isolation.decide(fresh(failure), failure)).isSameAs(failure);

        // then, a suspect, alone in a savepoint that its failure rolls back to
        Connection connection = mock(Connection.class);
        Savepoint savepoint = mock(Savepoint.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.setSavepoint()).thenReturn(savepoint);

        assertThatThrownBy(() -> wrapped.handle(event, new Journal())).isInstanceOf(IsolatedFailure.class)
                .hasCause(failure);
        verify(connection).rollback(savepoint);
    }

    private DeadLetter<EventMessage<?>> fresh(Throwable failure) {
        return new GenericDeadLetter<>(WALLET, event, failure);
    }

    private static DataIntegrityViolationException poison() {
        return new DataIntegrityViolationException("PreparedStatementCallback; SQL [insert into wallet_entry ...]",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00"));
    }

    @SuppressWarnings("unchecked")
    private static <T> MessageHandlingMember<T> member(Class<T> declaringClass) {
        MessageHandlingMember<T> member = mock(MessageHandlingMember.class);
        when(member.declaringClass()).thenAnswer(invocation -> declaringClass);
        when(member.annotationAttributes(EventHandler.class)).thenReturn(Optional.of(Map.of()));
        return member;
    }
}
