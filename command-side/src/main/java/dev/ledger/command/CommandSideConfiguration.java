package dev.ledger.command;

import dev.ledger.command.idempotency.IdempotencyInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    // Registered after the bus's own transaction interceptor, so deduplication runs inside the transaction.
    @Autowired
    void registerInterceptors(CommandBus commandBus, IdempotencyInterceptor idempotency) {
        commandBus.registerHandlerInterceptor(idempotency);
    }
}
