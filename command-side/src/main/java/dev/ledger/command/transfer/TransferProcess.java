package dev.ledger.command.transfer;

import static dev.ledger.events.idempotency.CommandMetadata.IDEMPOTENCY_KEY;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN_PROCESS;
import static dev.ledger.events.idempotency.CommandMetadata.PRINCIPAL;
import static dev.ledger.events.idempotency.CommandMetadata.REQUEST_HASH;

import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.transfer.ReceiveTransferCommand;
import dev.ledger.events.transfer.ReturnTransferCommand;
import dev.ledger.events.transfer.TransferSent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Moves a transfer from "sent" to settled. The source wallet already debited the amount ({@link TransferSent});
 * this process credits the destination, or, when the destination refuses (unknown, closed, other currency), returns
 * the amount to the source.
 *
 * <p>Each step carries an idempotency key derived from the transfer id and the step, and runs in the transaction
 * that also advances this processor's token. A crash before that commit redelivers the event and repeats nothing
 * that was committed; a redelivery after it (a replay) finds every step's key and replays its outcome. So a
 * transfer settles exactly once: credited, or returned, never both, never neither.
 */
@Component
@ProcessingGroup(TransferProcess.PROCESSING_GROUP)
public class TransferProcess {

    public static final String PROCESSING_GROUP = "transfer-process";
    static final Actor ACTOR = Actor.admin("process:transfer");

    private final CommandGateway commands;

    public TransferProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(TransferSent sent) {
        CommandOutcome credit = step(sent.transferId(), "credit", new ReceiveTransferCommand(sent.toWalletId(),
                sent.transferId(), stepId(sent.transferId(), "credit"), sent.amount(), sent.walletId(),
                sent.reference(), ACTOR));
        if (credit.isRejected()) {
            CommandOutcome returned = step(sent.transferId(), "return", new ReturnTransferCommand(sent.walletId(),
                    sent.transferId(), stepId(sent.transferId(), "return"), sent.amount(), sent.toWalletId(),
                    credit.rejection().code(), ACTOR));
            if (returned.isRejected()) {
                // cannot happen for an existing source wallet; failing here makes the processor retry, not lose money
                throw new IllegalStateException("transfer " + sent.transferId() + " could not be returned: "
                        + returned.detail());
            }
        }
    }

    private CommandOutcome step(String transferId, String step, Object command) {
        String key = "transfer:" + transferId + ":" + step;
        Object answer = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                MetaData.from(Map.of(PRINCIPAL, ACTOR.principal(), IDEMPOTENCY_KEY, key, REQUEST_HASH, key,
                        ORIGIN, ORIGIN_PROCESS))));
        return (CommandOutcome) answer;
    }

    /** The journal entry of a step gets an id derived from the transfer, so a repeated step cannot make another. */
    static String stepId(String transferId, String step) {
        return UUID.nameUUIDFromBytes((transferId + ":" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
