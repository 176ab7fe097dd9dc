package dev.ledger.command.transfer;

import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.transfer.ReceiveTransferCommand;
import dev.ledger.events.transfer.ReturnTransferCommand;
import dev.ledger.events.transfer.TransferSent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Settles the transfers the former flow (docs/adr/006) left in flight: the source wallet debited the amount
 * ({@link TransferSent}) and this process credits the destination, or, when the destination refuses (unknown, closed,
 * other currency), returns the amount to the source. A transfer today credits its destination in the transaction
 * that debits its source (docs/adr/012), and this process passes over it; it stays for the events an event store
 * written before that change may still hold unsettled.
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

    private final ProcessCommands commands;

    public TransferProcess(ProcessCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(TransferSent sent) {
        if (sent.creditedInSameTransaction()) {
            return;
        }
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
        return commands.send(command, ACTOR, "transfer:" + transferId + ":" + step);
    }

    /** The journal entry of a step gets an id derived from the transfer, so a repeated step cannot make another. */
    static String stepId(String transferId, String step) {
        return ProcessCommands.stepId(transferId, step);
    }
}
