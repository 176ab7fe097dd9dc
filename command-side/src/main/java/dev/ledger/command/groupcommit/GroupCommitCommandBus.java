package dev.ledger.command.groupcommit;

import dev.ledger.events.problem.DatabaseUnavailable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.MDC;

/**
 * A command bus with group commit: commands that arrive while a transaction of their lane is running wait, and then
 * run together, in order, in one unit of work and one database transaction — one commit (one WAL flush, one multi-row
 * insert of their events) for many commands. A lane is either one aggregate ({@code lanes = 0}) or one of
 * {@code lanes} shared lanes that every aggregate is hashed to, so that commands for different aggregates share a
 * commit too; either way the commands of one aggregate always meet in the same lane, in arrival order. Each command still runs through every handler interceptor (the idempotency record of
 * each commits atomically with the events) and gets its own result, exactly as on its own.
 *
 * <p>If anything in a batch would roll the transaction back (a refusal, a lost append race, a failed commit), nothing
 * of the batch is kept and each of its commands runs again on its own, as if there had been no batch. Commands sent
 * from inside a unit of work (a process, an escrow moving money between wallets) run right there, in that unit of
 * work. A command that finds its aggregate idle runs at once on the caller's thread; the batches that build up behind
 * it are run by the committer threads.
 */
public class GroupCommitCommandBus extends SimpleCommandBus {

    private final TransactionManager transactionManager;
    private final int maxBatch;
    private final int sharedLanes;
    private final Executor committer;
    private final IntConsumer batchSizes;
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors =
            new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final RoutingStrategy routing = AnnotationRoutingStrategy.builder()
            .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.RANDOM_KEY).build();
    private volatile RollbackConfiguration rollback = RollbackConfigurationType.UNCHECKED_EXCEPTIONS;

    /**
     * @param sharedLanes how many lanes the aggregates share (0: a lane per aggregate)
     * @param batchSizes  hears how many commands each transaction ran
     */
    public GroupCommitCommandBus(Builder builder, TransactionManager transactionManager, int maxBatch,
                                 int sharedLanes, Executor committer, IntConsumer batchSizes) {
        super(builder.transactionManager(transactionManager));
        if (sharedLanes < 0) {
            throw new IllegalArgumentException("lanes must be 0 (one per aggregate) or more, not " + sharedLanes);
        }
        this.transactionManager = transactionManager;
        this.maxBatch = maxBatch;
        this.sharedLanes = sharedLanes;
        this.committer = committer;
        this.batchSizes = batchSizes;
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        Registration registration = super.registerHandlerInterceptor(handlerInterceptor);
        interceptors.add(handlerInterceptor);
        return () -> interceptors.remove(handlerInterceptor) & registration.cancel();
    }

    @Override
    public void setRollbackConfiguration(RollbackConfiguration rollbackConfiguration) {
        super.setRollbackConfiguration(rollbackConfiguration);
        this.rollback = rollbackConfiguration;
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted()) {
            super.handle(command, handler, callback);
            return;
        }
        Pending pending = new Pending(command, handler, callback, MDC.getCopyOfContextMap());
        Lane lane = lanes.computeIfAbsent(laneOf(routing.getRoutingKey(command)), Lane::new);
        if (lane.add(pending)) {
            lane.runOneBatch();
        }
    }

    private String laneOf(String aggregate) {
        return sharedLanes == 0 ? aggregate : Integer.toString(Math.floorMod(aggregate.hashCode(), sharedLanes));
    }

    private void runAlone(Pending pending) {
        pending.inItsContext(() -> super.handle(pending.command(), pending.handler(), pending.callback()));
    }

    private void runTogether(List<Pending> batch) {
        Map<CommandMessage<?>, Pending> byMessage = new IdentityHashMap<>();
        List<CommandMessage<?>> messages = new ArrayList<>();
        for (Pending pending : batch) {
            byMessage.put(pending.command(), pending);
            messages.add(pending.command());
        }
        BatchingUnitOfWork<CommandMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        ResultMessage<?> outcome;
        boolean committed;
        try {
            unitOfWork.attachTransaction(transactionManager);
            outcome = unitOfWork.executeWithResult(() -> {
                Pending current = byMessage.get(unitOfWork.getMessage());
                return current.inItsContext(() ->
                        new DefaultInterceptorChain<>(unitOfWork, interceptors, current.handler()).proceed());
            }, rollback);
            committed = !unitOfWork.isRolledBack();
        } catch (RuntimeException noTransaction) {
            // no transaction for the batch (no connection, say): none of its commands ran
            outcome = GenericResultMessage.asResultMessage(noTransaction);
            committed = false;
        }
        if (!committed && outcome.isExceptional() && DatabaseUnavailable.isCause(outcome.exceptionResult())) {
            // the database cannot be reached: on their own the commands would wait for a connection one after the
            // other, and the commands queued behind them in the lane with them; each is answered with this failure
            // now instead (503: the client sends it again with the same key, which answers whatever took effect)
            for (Pending pending : batch) {
                pending.answer(GenericCommandResultMessage.asCommandResultMessage(outcome.exceptionResult()));
                batchSizes.accept(1);
            }
            return;
        }
        if (!committed) {
            for (Pending pending : batch) {
                runAlone(pending);
                batchSizes.accept(1);
            }
            return;
        }
        batchSizes.accept(batch.size());
        Map<?, ExecutionResult> results = unitOfWork.getExecutionResults();
        for (Pending pending : batch) {
            ExecutionResult result = results.get(pending.command());
            pending.answer(result.isExceptionResult()
                    ? GenericCommandResultMessage.asCommandResultMessage(result.getExceptionResult())
                    : GenericCommandResultMessage.asCommandResultMessage(result.getResult().getPayload()));
        }
    }

    /** The commands waiting in one lane, and whether a thread is running them. */
    private final class Lane {

        private final String key;
        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private boolean running;

        Lane(String key) {
            this.key = key;
        }

        /** Queues a command; true when the caller must run the lane (it was idle). */
        synchronized boolean add(Pending pending) {
            waiting.add(pending);
            if (running) {
                return false;
            }
            running = true;
            return true;
        }

        /** Runs the commands waiting now (up to a batch), then hands what arrived meanwhile to the committer. */
        void runOneBatch() {
            List<Pending> batch = take();
            try {
                if (batch.size() == 1) {
                    runAlone(batch.get(0));
                    batchSizes.accept(1);
                } else {
                    runTogether(batch);
                }
            } finally {
                if (hasMore()) {
                    committer.execute(this::runOneBatch);
                }
            }
        }

        private synchronized List<Pending> take() {
            List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
            while (!waiting.isEmpty() && batch.size() < maxBatch) {
                batch.add(waiting.poll());
            }
            return batch;
        }

        private synchronized boolean hasMore() {
            if (waiting.isEmpty()) {
                running = false;
                lanes.remove(key, this);
                return false;
            }
            return true;
        }
    }

    /** One command waiting for its aggregate, with what its caller's thread knew (the log's correlation id). */
    private record Pending(CommandMessage<?> command, MessageHandler<? super CommandMessage<?>> handler,
                           CommandCallback callback, Map<String, String> logContext) {

        @SuppressWarnings("unchecked")
        void answer(Object result) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(result));
        }

        <T> T inItsContext(Task<T> task) throws Exception {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            setContext(logContext);
            try {
                return task.run();
            } finally {
                setContext(previous);
            }
        }

        void inItsContext(Runnable task) {
            try {
                inItsContext(() -> {
                    task.run();
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void setContext(Map<String, String> context) {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws Exception;
    }
}
