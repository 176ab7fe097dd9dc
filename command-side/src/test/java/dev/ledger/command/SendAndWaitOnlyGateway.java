package dev.ledger.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * A stand-in for the command gateway an aggregate or process uses to reach other aggregates: they only ever send
 * and wait for each step's outcome without a timeout, so a test's fake answers {@link #sendAndWait(Object)} and
 * anything else is a mistake the test should hear about.
 */
public abstract class SendAndWaitOnlyGateway implements CommandGateway {

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("commands to other aggregates wait for each step without a timeout");
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("commands to other aggregates wait for each step's outcome");
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        throw new UnsupportedOperationException("commands to other aggregates wait for each step's outcome");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException("not used by commands to other aggregates");
    }
}
