package dev.ledger.command.process;

import static dev.ledger.events.idempotency.CommandMetadata.IDEMPOTENCY_KEY;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN_PROCESS;
import static dev.ledger.events.idempotency.CommandMetadata.PRINCIPAL;
import static dev.ledger.events.idempotency.CommandMetadata.REQUEST_HASH;

import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * How processes (transfers, escrows) send commands to the wallets they coordinate. Every refusal comes back as a
 * {@link CommandOutcome} instead of an exception, so the process decides what follows (compensate, or refuse its
 * own command) and the transaction it runs in is never rolled back from underneath it. Inside a command or event
 * handler the command joins the caller's unit of work and transaction: it commits with it, or not at all.
 */
@Component
public class ProcessCommands {

    private final CommandGateway commands;

    public ProcessCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends a step; with a key it runs once per key (a redelivered step replays its first outcome). */
    public CommandOutcome send(Object command, Actor actor, String idempotencyKey) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        // a new message inherits the correlation data of the one being handled, its idempotency key included: the
        // step must not pass for the request that caused it
        Map<String, Object> metaData = new HashMap<>(message.getMetaData());
        metaData.remove(IDEMPOTENCY_KEY);
        metaData.remove(REQUEST_HASH);
        metaData.put(PRINCIPAL, actor.principal());
        metaData.put(ORIGIN, ORIGIN_PROCESS);
        if (idempotencyKey != null) {
            metaData.put(IDEMPOTENCY_KEY, idempotencyKey);
            metaData.put(REQUEST_HASH, idempotencyKey);
        }
        return (CommandOutcome) commands.sendAndWait(message.withMetaData(MetaData.from(metaData)));
    }

    /** An id derived from the process and its step, so a repeated step cannot create a second one. */
    public static String stepId(String processId, String step) {
        return UUID.nameUUIDFromBytes((processId + ":" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
