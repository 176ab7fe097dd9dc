package dev.ledger.gateway.deadletter;

import java.sql.Connection;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionException;

/**
 * Lets a projection park an event it cannot apply without losing, or half-applying, the events around it
 * (docs/adr/013-dead-letters-for-projections.md).
 *
 * <p>Axon's dead-lettering invoker catches a handler's exception and enqueues the dead letter in the batch's own
 * transaction. On PostgreSQL that transaction is already aborted by the failed statement, so the enqueue fails too and
 * the batch of up to 100 events is retried, and fails, forever; on H2 the handler's statements before the failing one
 * would stay applied. So an event is parked only once its failure has been isolated:
 * <ol>
 * <li>Normally an event is applied without any savepoint: the happy path costs nothing.</li>
 * <li>A failure in a batch is not dead-lettered: {@link #decide} rethrows it, the whole batch rolls back, and the
 * processor retries the segment about a second later. The failed event is now a suspect.</li>
 * <li>A suspect, and every dead letter an admin retries, is applied inside a savepoint. Should it fail again, its
 * writes are rolled back to the savepoint, the transaction is healthy again, the dead letter is enqueued in it, and
 * the rest of the batch commits with it.</li>
 * </ol>
 * A failure that may pass by itself (a deadlock, a lock or query timeout, an unreachable database) is never parked:
 * the batch is retried as a whole until it goes through.
 */
public class PoisonEventIsolation implements HandlerEnhancerDefinition, EnqueuePolicy<EventMessage<?>> {

    /** How many times an admin retried a dead letter, in its diagnostics. */
    public static final String RETRIES = "retries";

    /** Suspects are forgotten once parked or applied; this only bounds what segments moved elsewhere leave behind. */
    private static final int MAX_SUSPECTS = 10_000;

    private final Set<String> processingGroups;
    private final DataSource dataSource;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    public PoisonEventIsolation(Set<String> processingGroups, DataSource dataSource) {
        this.processingGroups = Set.copyOf(processingGroups);
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        boolean projection = group != null && processingGroups.contains(group.value())
                && original.annotationAttributes(EventHandler.class).isPresent();
        return projection ? new Isolating<>(original) : original;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // a letter handed in by the queue is being retried; a fresh one comes from the processor's own batch
        boolean retrying = !(letter instanceof GenericDeadLetter<?>);
        String eventId = letter.message().getIdentifier();
        if (!(cause instanceof IsolatedFailure isolated)) {
            if (retrying) {
                // the savepoint itself failed: the database is likely gone; the requeue fails with the transaction,
                // the retry answers an error and the letter stays as it was
                return Decisions.requeue(describe(cause), PoisonEventIsolation::retried);
            }
            if (suspects.size() >= MAX_SUSPECTS) {
                suspects.clear();
            }
            suspects.add(eventId);
            throw rethrown(cause);
        }
        Throwable failure = isolated.getCause();
        if (retrying) {
            return Decisions.requeue(describe(failure), PoisonEventIsolation::retried);
        }
        if (mayPassByItself(failure)) {
            throw rethrown(failure);
        }
        suspects.remove(eventId);
        return Decisions.enqueue(describe(failure));
    }

    private boolean inSavepoint(Message<?> message) {
        return suspects.contains(message.getIdentifier()) || CurrentUnitOfWork.map(
                unitOfWork -> unitOfWork.resources().containsKey(DeadLetter.class.getName())).orElse(false);
    }

    /** The cause as the dead-letter list shows it: the failure's type, and its most specific message, no SQL. */
    static ThrowableCause describe(Throwable failure) {
        String message = String.valueOf(NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        return new ThrowableCause(failure.getClass().getName(),
                message.substring(0, Math.min(message.length(), ThrowableCause.TRUNCATED_MESSAGE_SIZE)));
    }

    static boolean mayPassByItself(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    private static MetaData retried(DeadLetter<?> letter) {
        return letter.diagnostics().and(RETRIES, retries(letter.diagnostics()) + 1);
    }

    static long retries(Map<String, ?> diagnostics) {
        return Optional.ofNullable(diagnostics.get(RETRIES)).map(value -> ((Number) value).longValue()).orElse(0L);
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    /** A handler's failure whose writes have been rolled back to a savepoint: the transaction can go on. */
    static final class IsolatedFailure extends RuntimeException {

        IsolatedFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A projection's event handler, applied inside a savepoint when its event is a suspect or a retried letter. */
    private final class Isolating<T> extends WrappedMessageHandlingMember<T> {

        Isolating(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!inSavepoint(message)) {
                return super.handle(message, target);
            }
            // the batch's own connection: the one the projection's JdbcTemplate writes through
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                Savepoint savepoint = connection.setSavepoint();
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    // if this fails too, its exception is not an IsolatedFailure, and the whole batch is retried
                    connection.rollback(savepoint);
                    throw new IsolatedFailure(e);
                }
                connection.releaseSavepoint(savepoint);
                suspects.remove(message.getIdentifier());
                return result;
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
