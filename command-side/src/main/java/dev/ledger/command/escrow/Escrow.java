package dev.ledger.command.escrow;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.command.aggregate.AggregateTuning;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.command.process.WalletLockOrder;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.escrow.CreateEscrowCommand;
import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FundEscrowCommand;
import dev.ledger.events.escrow.RefundEscrowCommand;
import dev.ledger.events.escrow.ReleaseEscrowCommand;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.ReceiveEscrowPaymentCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.events.wallet.WalletView;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An escrow: the buyer's money held on the buyer's wallet until it is released to the seller, refunded, or the
 * escrow expires. CREATED → FUNDED → RELEASED | REFUNDED | EXPIRED, and nothing else.
 *
 * <p>The escrow coordinates the two wallets itself: each transition sends the wallet commands it needs (place,
 * capture or void the hold, credit the seller) within its own unit of work, so the escrow's event and the money
 * moves commit in one transaction, or none of them does. A crash can therefore never leave an escrow RELEASED with
 * the seller unpaid, and a race between two transitions is decided by the escrow alone: exactly one wins.
 */
@Aggregate(cache = AggregateTuning.ESCROW_CACHE)
public class Escrow {

    public static final String EXPIRY = "escrow-expiry";
    public static final long MAX_EXPIRY_SECONDS = 2_592_000;
    /** The hold outlives the escrow, so that the escrow's own expiry is what releases the buyer's money. */
    static final long HOLD_MARGIN_SECONDS = 3_600;

    @AggregateIdentifier
    private String escrowId;
    private String buyerId;
    private String sellerId;
    private String buyerWalletId;
    private String sellerWalletId;
    private Money amount;
    private String description;
    private long expiresInSeconds;
    private EscrowState state;
    private String holdId;
    private Instant createdAt;
    private Instant fundedAt;
    private Instant expiresAt;
    private Instant releasedAt;
    private Instant refundedAt;
    private Instant expiredAt;
    private long version;
    private Map<String, String> metadata;

    protected Escrow() {
        // for Axon, which rebuilds escrows from their events
    }

    /**
     * The escrow's parties and currency come from the two wallets themselves, asked within this unit of work: a
     * wallet opened a moment ago counts, and the read models' lag decides nothing (API.md §1).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public EscrowView handle(CreateEscrowCommand command, Clock clock, ProcessCommands wallets) {
        Actor actor = command.actor();
        if (actor.role() == Role.AUDITOR) {
            throw LedgerException.forbidden("auditors do not open escrows");
        }
        // both wallets locked in id order, as transactions and transfers lock theirs; the buyer wallet as the caller
        // sees it: one it may not see does not exist for it
        Map<String, Actor> askingFor = new HashMap<>();
        askingFor.put(command.sellerWalletId(), actor());
        askingFor.put(command.buyerWalletId(), actor);
        Map<String, CommandOutcome> locked = WalletLockOrder.inspect(wallets, askingFor);
        WalletView buyer = inspected(locked.get(command.buyerWalletId()), command.buyerWalletId());
        if (!actor.canActFor(buyer.ownerId())) {
            throw LedgerException.forbidden("only the owner of the buyer wallet or an admin opens an escrow");
        }
        WalletView seller = inspected(locked.get(command.sellerWalletId()), command.sellerWalletId());
        Money amount = command.amount();
        if (!buyer.currency().equals(amount.currency()) || !seller.currency().equals(amount.currency())) {
            throw new LedgerException(ErrorCode.CURRENCY_MISMATCH, "the escrow is in " + amount.currency()
                    + "; the buyer wallet holds " + buyer.currency() + " and the seller wallet " + seller.currency());
        }
        if (command.expiresInSeconds() < 1 || command.expiresInSeconds() > MAX_EXPIRY_SECONDS) {
            throw invalid("expiresInSeconds", "must be between 1 and " + MAX_EXPIRY_SECONDS);
        }
        if (!amount.isPositive()) {
            throw invalid("amount", "must be greater than zero");
        }
        apply(new EscrowCreated(command.escrowId(), buyer.ownerId(), seller.ownerId(), buyer.walletId(),
                seller.walletId(), amount, command.expiresInSeconds(), command.description(), clock.instant(),
                command.metadata()));
        return view();
    }

    private static WalletView inspected(CommandOutcome inspected, String walletId) {
        if (inspected.rejection() == ErrorCode.NOT_FOUND) {
            throw LedgerException.notFound("wallet " + walletId);
        }
        succeedOrRefuse(inspected);
        return (WalletView) inspected.result();
    }

    @CommandHandler
    public EscrowView handle(FundEscrowCommand command, @MessageIdentifier String attempt, Clock clock,
                             ProcessCommands wallets, DeadlineManager deadlines) {
        requireBuyerSide(command.actor());
        requireState(EscrowState.CREATED, "fund");
        Instant now = clock.instant();
        String hold = ProcessCommands.stepId(escrowId, "hold:" + attempt);
        long holdSeconds = Math.min(expiresInSeconds + HOLD_MARGIN_SECONDS, MAX_EXPIRY_SECONDS);
        // insufficient funds on the buyer wallet is the answer to this command; the escrow stays CREATED
        succeedOrRefuse(wallets.send(new PlaceHoldCommand(buyerWalletId, hold, ProcessCommands.stepId(hold, "placed"),
                Amount.of(amount), holdSeconds, "escrow " + escrowId, actor()), actor(), null));
        Instant expiry = now.plusSeconds(expiresInSeconds);
        apply(new EscrowFunded(escrowId, hold, expiry, now));
        deadlines.schedule(expiry, EXPIRY, escrowId);
        return view();
    }

    @CommandHandler
    public EscrowView handle(ReleaseEscrowCommand command, Clock clock, ProcessCommands wallets) {
        requireBuyerSide(command.actor());
        requireFundedAndNotDue("release", clock.instant());
        // the capture locks the buyer wallet, the payment the seller's: locked in id order first, they cannot
        // deadlock with a transaction or a transfer over the same two wallets
        Map<String, Actor> both = new HashMap<>();
        both.put(buyerWalletId, actor());
        both.put(sellerWalletId, actor());
        WalletLockOrder.inspect(wallets, both);
        succeedOrRefuse(wallets.send(new CaptureHoldCommand(buyerWalletId, holdId,
                ProcessCommands.stepId(escrowId, "captured"), null, actor()), actor(), null));
        // the capture already happened in this transaction: a refused credit must take it back with it
        succeedOrUndo(wallets.send(new ReceiveEscrowPaymentCommand(sellerWalletId, escrowId,
                ProcessCommands.stepId(escrowId, "paid"), amount, buyerWalletId, actor()), actor(), null));
        apply(new EscrowReleased(escrowId, clock.instant()));
        return view();
    }

    @CommandHandler
    public EscrowView handle(RefundEscrowCommand command, Clock clock, ProcessCommands wallets) {
        requireBuyerSide(command.actor());
        requireFundedAndNotDue("refund", clock.instant());
        releaseHold(wallets, "refunded");
        apply(new EscrowRefunded(escrowId, clock.instant()));
        return view();
    }

    /** Durable: fires at expiresAt, also when that moment passed while the service was down. */
    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(String expiringEscrowId, Clock clock, ProcessCommands wallets) {
        if (state != EscrowState.FUNDED) {
            return;
        }
        releaseHold(wallets, "expired");
        apply(new EscrowExpired(escrowId, clock.instant()));
    }

    // The hold may already have ended on its own (it outlives the escrow, but only by a margin): its money is
    // then available to the buyer already, which is what refund and expiry are for.
    private void releaseHold(ProcessCommands wallets, String step) {
        CommandOutcome voided = wallets.send(new VoidHoldCommand(buyerWalletId, holdId,
                ProcessCommands.stepId(escrowId, step), actor()), actor(), null);
        if (voided.isRejected() && voided.rejection() != ErrorCode.HOLD_NOT_ACTIVE) {
            throw voided.rejectionAsException();
        }
    }

    @EventSourcingHandler
    void on(EscrowCreated event) {
        escrowId = event.escrowId();
        buyerId = event.buyerId();
        sellerId = event.sellerId();
        buyerWalletId = event.buyerWalletId();
        sellerWalletId = event.sellerWalletId();
        amount = event.amount();
        description = event.description();
        metadata = event.metadata();
        expiresInSeconds = event.expiresInSeconds();
        state = EscrowState.CREATED;
        createdAt = event.occurredAt();
        version++;
    }

    @EventSourcingHandler
    void on(EscrowFunded event) {
        state = EscrowState.FUNDED;
        holdId = event.holdId();
        fundedAt = event.occurredAt();
        expiresAt = event.expiresAt();
        version++;
    }

    @EventSourcingHandler
    void on(EscrowReleased event) {
        state = EscrowState.RELEASED;
        releasedAt = event.occurredAt();
        version++;
    }

    @EventSourcingHandler
    void on(EscrowRefunded event) {
        state = EscrowState.REFUNDED;
        refundedAt = event.occurredAt();
        version++;
    }

    @EventSourcingHandler
    void on(EscrowExpired event) {
        state = EscrowState.EXPIRED;
        expiredAt = event.occurredAt();
        version++;
    }

    /** The escrow acts on the wallets as a process: the people involved were checked on the escrow itself. */
    private Actor actor() {
        return Actor.admin("process:escrow");
    }

    // Buyer and admins act; the seller sees the escrow but may not act (403); anyone else must not learn of it (404).
    private void requireBuyerSide(Actor actor) {
        if (!actor.canSee(buyerId) && !actor.canSee(sellerId)) {
            throw LedgerException.notFound("escrow " + escrowId);
        }
        if (!actor.canActFor(buyerId)) {
            throw LedgerException.forbidden("only the buyer or an admin may do this");
        }
    }

    private void requireState(EscrowState expected, String action) {
        if (state != expected) {
            throw new LedgerException(ErrorCode.INVALID_STATE_TRANSITION,
                    "cannot " + action + " an escrow that is " + state, Map.of("currentState", state.name()));
        }
    }

    /** A first step's refusal is the command's answer: nothing happened yet. */
    // From expiresAt on the escrow is expired, even in the moment before its deadline has run: nothing else may win.
    private void requireFundedAndNotDue(String action, Instant now) {
        requireState(EscrowState.FUNDED, action);
        if (!now.isBefore(expiresAt)) {
            throw new LedgerException(ErrorCode.INVALID_STATE_TRANSITION,
                    "cannot " + action + " an escrow that expired at " + expiresAt,
                    Map.of("currentState", EscrowState.EXPIRED.name()));
        }
    }

    private static void succeedOrRefuse(CommandOutcome outcome) {
        if (outcome.isRejected()) {
            throw outcome.rejectionAsException();
        }
    }

    /** A later step's refusal rolls the whole transaction back, earlier steps included. */
    private static void succeedOrUndo(CommandOutcome outcome) {
        if (outcome.isRejected()) {
            throw outcome.rejectionAsException().undoingEverything();
        }
    }

    private static LedgerException invalid(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    private EscrowView view() {
        return new EscrowView(escrowId, buyerId, sellerId, buyerWalletId, sellerWalletId, amount, description, state,
                expiresInSeconds, createdAt, fundedAt, expiresAt, releasedAt, refundedAt, expiredAt, version,
                metadata);
    }
}
