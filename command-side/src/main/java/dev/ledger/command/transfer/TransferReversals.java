package dev.ledger.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transfer.ReverseTransferCommand;
import dev.ledger.events.transfer.ReversibleTransfer;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The reversals of one transfer, under the transfer's own id (API.md §4, docs/adr/016). A transfer has no stream of its
 * own (docs/adr/012); this one begins with its first reversal. It counts what has been sent back, so that reversals
 * racing each other queue on its lock and can never together send back more than the transfer moved; each reversal is
 * an ordinary transfer from the original destination to the original source, sent in this unit of work, which that
 * wallet decides (owner, status, funds) like any other.
 */
@Aggregate
public class TransferReversals {

    @AggregateIdentifier
    private String transferId;
    private ReversibleTransfer original;
    private Money reversed;

    protected TransferReversals() {
        // for Axon, which rebuilds it from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TransferView handle(ReverseTransferCommand command, Clock clock, ProcessCommands wallets) {
        ReversibleTransfer transfer = original != null ? original : command.original();
        if (transfer.status() != TransferStatus.COMPLETED) {
            throw new LedgerException(ErrorCode.INVALID_STATE_TRANSITION, "transfer " + command.transferId()
                    + " is " + transfer.status() + "; only a completed transfer is reversed",
                    Map.of("currentState", transfer.status().name()));
        }
        if (transfer.reversalOf() != null) {
            throw new LedgerException(ErrorCode.INVALID_STATE_TRANSITION, "transfer " + command.transferId()
                    + " reverses " + transfer.reversalOf() + "; a reversal is not reversed again",
                    Map.of("currentState", transfer.status().name()));
        }
        Money sentBack = reversed != null ? reversed : Money.zero(transfer.amount().currency());
        Money left = transfer.amount().minus(sentBack);
        Money amount = command.amount() == null ? left : amount(command.amount(), transfer.amount().currency());
        if (!amount.isPositive() || amount.isGreaterThan(left)) {
            throw new LedgerException(ErrorCode.REVERSAL_EXCEEDS_TRANSFER, "transfer " + command.transferId()
                    + " has " + left + " left to reverse, not " + amount,
                    Map.of("reversibleAmount", left.toDecimalString()));
        }
        CommandOutcome sent = wallets.send(new SendTransferCommand(transfer.toWalletId(), command.reversalId(),
                ProcessCommands.stepId(command.reversalId(), "sent"), Amount.of(amount),
                transfer.fromWalletId(), command.reason(), command.actor(), command.transferId(), Map.of()),
                command.actor(), null);
        if (sent.isRejected()) {
            // the destination refused before anything moved (owner, status, funds): the reversal's answer
            throw sent.rejectionAsException();
        }
        apply(new TransferReversed(command.transferId(), command.reversalId(), transfer.fromWalletId(),
                transfer.toWalletId(), transfer.amount(), amount, sentBack.plus(amount), command.reason(),
                clock.instant()));
        return (TransferView) sent.result();
    }

    private static Money amount(Amount requested, String currency) {
        try {
            return requested.in(currency);
        } catch (InvalidAmountException e) {
            throw new LedgerException(ErrorCode.VALIDATION_FAILED, "amount " + e.getMessage(),
                    Map.of("errors", List.of(new FieldError("amount", e.getMessage()))));
        }
    }

    @EventSourcingHandler
    void on(TransferReversed event) {
        transferId = event.transferId();
        original = new ReversibleTransfer(event.fromWalletId(), event.toWalletId(), event.transferAmount(),
                TransferStatus.COMPLETED, null);
        reversed = event.reversedTotal();
    }
}
