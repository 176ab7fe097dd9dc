package dev.ledger.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.command.aggregate.AggregateTuning;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.money.Currencies;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.ReceiveEscrowPaymentCommand;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.FreezeWalletCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.InspectWalletCommand;
import dev.ledger.events.transaction.CreditForTransactionCommand;
import dev.ledger.events.transaction.DebitForTransactionCommand;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transfer.ReceiveTransferCommand;
import dev.ledger.events.transfer.ReturnTransferCommand;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.OpenWalletCommand;
import dev.ledger.events.wallet.UnfreezeWalletCommand;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A wallet: one owner, one currency for life, a balance that never goes below what holds reserve.
 * Command handlers decide and answer with the state right after the command; event sourcing handlers only
 * assign state.
 *
 * <p>Snapshots store the fields as they are (Jackson, fields only): a field renamed or reshaped makes older
 * snapshots unreadable, and Axon then rebuilds the wallet from its events (see docs/adr/009).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@Aggregate(cache = AggregateTuning.WALLET_CACHE, snapshotTriggerDefinition = AggregateTuning.WALLET_SNAPSHOTS)
public class Wallet {

    @AggregateIdentifier
    private String walletId;
    private String ownerId;
    private String currency;
    private String label;
    private WalletStatus status;
    private Funds funds;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private Map<String, Hold> holds = new HashMap<>();
    /** Null in snapshots taken before wallets had metadata; such a wallet has none. */
    private Map<String, String> metadata;

    public static final String HOLD_EXPIRY = "hold-expiry";
    /** Who credits a transfer's destination: the source acts for the transfer, as the transfer process did. */
    static final Actor TRANSFER_ACTOR = Actor.admin("process:transfer");
    public static final long MAX_HOLD_SECONDS = 2_592_000;

    protected Wallet() {
        // for Axon, which rebuilds wallets from their events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public WalletView handle(OpenWalletCommand command, Clock clock) {
        Actor actor = command.actor();
        if (!actor.canActFor(command.ownerId())) {
            throw LedgerException.forbidden(actor.role() == Role.CLIENT
                    ? "a client opens wallets for itself only" : "auditors do not open wallets");
        }
        if (command.ownerId() == null || command.ownerId().isBlank()) {
            throw invalid("ownerId", "is required");
        }
        if (!Currencies.isSupported(command.currency())) {
            throw invalid("currency", "must be an ISO 4217 code or CRD");
        }
        apply(new WalletOpened(command.walletId(), command.ownerId(), command.currency(), command.label(),
                clock.instant(), command.metadata()));
        return view();
    }

    /** The wallet as its events have it, for a command that names it (an escrow's wallets, a billing wallet). */
    @CommandHandler
    public WalletView handle(InspectWalletCommand command) {
        requireVisibleTo(command.actor());
        return view();
    }

    @CommandHandler
    public EntryResult handle(DepositMoneyCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireAdmin(command.actor(), "only an admin may deposit (top up)");
        Money amount = amount(command.amount());
        // a frozen wallet still receives money; only a closed one refuses it
        if (status == WalletStatus.CLOSED) {
            throw notActive();
        }
        if (!funds.canCredit(amount)) {
            throw invalid("amount", "would take the balance beyond what the ledger can hold");
        }
        apply(new MoneyDeposited(walletId, command.entryId(), amount, command.reference(), clock.instant()));
        return entry(command.entryId(), EntryType.DEPOSITED, amount);
    }

    @CommandHandler
    public EntryResult handle(WithdrawMoneyCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        Money amount = amount(command.amount());
        requireActive();
        if (!funds.canDebit(amount)) {
            throw new LedgerException(ErrorCode.INSUFFICIENT_FUNDS,
                    "available " + funds.available() + " does not cover " + amount);
        }
        apply(new MoneyWithdrawn(walletId, command.entryId(), amount, command.reference(), clock.instant()));
        return entry(command.entryId(), EntryType.WITHDRAWN, amount);
    }

    @CommandHandler
    public WalletView handle(FreezeWalletCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireAdmin(command.actor(), "only an admin may freeze a wallet");
        requireStatus(WalletStatus.ACTIVE, "freeze");
        apply(new WalletFrozen(walletId, command.entryId(), clock.instant()));
        return view();
    }

    @CommandHandler
    public WalletView handle(UnfreezeWalletCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireAdmin(command.actor(), "only an admin may unfreeze a wallet");
        requireStatus(WalletStatus.FROZEN, "unfreeze");
        apply(new WalletUnfrozen(walletId, command.entryId(), clock.instant()));
        return view();
    }

    @CommandHandler
    public WalletView handle(CloseWalletCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        if (status == WalletStatus.CLOSED) {
            throw invalidTransition("close");
        }
        // closing must not become a way for an owner to escape an admin's freeze
        if (status == WalletStatus.FROZEN && !command.actor().isAdmin()) {
            throw notActive();
        }
        if (!funds.isEmpty()) {
            throw new LedgerException(ErrorCode.WALLET_NOT_EMPTY,
                    "a wallet closes only with balance 0 and no active hold (balance " + funds.balance()
                            + ", held " + funds.held() + ")");
        }
        apply(new WalletClosed(walletId, command.entryId(), clock.instant()));
        return view();
    }


    @CommandHandler
    public HoldView handle(PlaceHoldCommand command, Clock clock, DeadlineManager deadlines) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        Money amount = amount(command.amount());
        if (command.expiresInSeconds() < 1 || command.expiresInSeconds() > MAX_HOLD_SECONDS) {
            throw invalid("expiresInSeconds", "must be between 1 and " + MAX_HOLD_SECONDS);
        }
        requireActive();
        // holds count against available, not balance: two holds must never reserve the same money
        if (!funds.canDebit(amount)) {
            throw new LedgerException(ErrorCode.INSUFFICIENT_FUNDS,
                    "available " + funds.available() + " does not cover a hold of " + amount);
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(command.expiresInSeconds());
        apply(new HoldPlaced(walletId, command.holdId(), command.entryId(), amount, command.reference(), expiresAt,
                now, command.metadata()));
        deadlines.schedule(expiresAt, HOLD_EXPIRY, command.holdId());
        return holdView(command.holdId());
    }

    @CommandHandler
    public HoldView handle(CaptureHoldCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        Hold hold = requireHold(command.holdId());
        Money amount = command.amount() == null ? hold.amount() : amount(command.amount());
        // no status check: a hold reserved its money before any freeze, and capturing it moves nothing more
        requireHoldActive(hold, clock.instant());
        if (amount.isGreaterThan(hold.amount())) {
            throw new LedgerException(ErrorCode.CAPTURE_EXCEEDS_HOLD,
                    "cannot capture " + amount + " from a hold of " + hold.amount());
        }
        apply(new HoldCaptured(walletId, hold.holdId(), command.entryId(), amount, hold.amount().minus(amount),
                clock.instant()));
        return holdView(hold.holdId());
    }

    @CommandHandler
    public HoldView handle(VoidHoldCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        Hold hold = requireHold(command.holdId());
        requireHoldActive(hold, clock.instant());
        apply(new HoldVoided(walletId, hold.holdId(), command.entryId(), hold.amount(), clock.instant()));
        return holdView(hold.holdId());
    }


    /**
     * The source decides, debits itself and credits the destination in one transaction (docs/adr/012): a
     * destination that refuses (unknown, closed, another currency) takes the debit back with it, so a refused
     * transfer moves nothing and records nothing on either wallet.
     */
    @CommandHandler
    public TransferView handle(SendTransferCommand command, Clock clock, ProcessCommands wallets) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        if (walletId.equals(command.toWalletId())) {
            throw invalid("toWalletId", "must differ from fromWalletId");
        }
        Money amount = amount(command.amount());
        requireActive();
        if (!funds.canDebit(amount)) {
            throw new LedgerException(ErrorCode.INSUFFICIENT_FUNDS,
                    "available " + funds.available() + " does not cover " + amount);
        }
        Instant now = clock.instant();
        // the debit comes first, so that every reader sees a transfer leave before it arrives
        apply(new TransferSent(walletId, command.transferId(), command.entryId(), amount, command.toWalletId(),
                command.reference(), now, true, command.reversalOf(), command.metadata()));
        CommandOutcome credit = wallets.send(new ReceiveTransferCommand(command.toWalletId(), command.transferId(),
                ProcessCommands.stepId(command.transferId(), "credit"), amount, walletId, command.reference(),
                TRANSFER_ACTOR), TRANSFER_ACTOR, null);
        if (credit.isRejected()) {
            throw destinationRefused(command.toWalletId(), credit).undoingEverything();
        }
        EntryResult received = (EntryResult) credit.result();
        return new TransferView(command.transferId(), walletId, command.toWalletId(), amount,
                TransferStatus.COMPLETED, null, now, received.occurredAt(), command.reference(), command.reversalOf(),
                null, command.metadata());
    }

    // an unknown destination is named as such: the wallet's own not-found speaks of an aggregate
    private static LedgerException destinationRefused(String destination, CommandOutcome credit) {
        if (credit.rejection() == ErrorCode.NOT_FOUND) {
            return LedgerException.notFound("wallet " + destination);
        }
        return credit.rejectionAsException();
    }

    @CommandHandler
    public EntryResult handle(ReceiveTransferCommand command, Clock clock) {
        requireCanReceive(command.amount());
        apply(new TransferReceived(walletId, command.transferId(), command.entryId(), command.amount(),
                command.fromWalletId(), command.reference(), clock.instant()));
        return entry(command.entryId(), EntryType.TRANSFER_RECEIVED, command.amount());
    }

    @CommandHandler
    public EntryResult handle(ReceiveEscrowPaymentCommand command, Clock clock) {
        requireCanReceive(command.amount());
        apply(new EscrowPaymentReceived(walletId, command.escrowId(), command.entryId(), command.amount(),
                command.fromWalletId(), clock.instant()));
        return entry(command.entryId(), EntryType.ESCROW_RECEIVED, command.amount());
    }

    /**
     * A transaction's debit leg. The transaction decided it from this wallet's state a moment ago, within the same
     * unit of work and under this wallet's lock (docs/adr/016); the wallet still keeps its own rules, so no caller can
     * overdraw it by any path.
     */
    @CommandHandler
    public EntryResult handle(DebitForTransactionCommand command, Clock clock) {
        requireVisibleTo(command.actor());
        requireActor(command.actor());
        requireCurrency(command.amount());
        requireActive();
        if (!funds.canDebit(command.amount())) {
            throw new LedgerException(ErrorCode.INSUFFICIENT_FUNDS,
                    "available " + funds.available() + " does not cover " + command.amount());
        }
        apply(new TransactionDebited(walletId, command.transactionId(), command.entryId(), command.amount(),
                command.reference(), clock.instant()));
        return entry(command.entryId(), EntryType.TRANSACTION_DEBITED, command.amount());
    }

    @CommandHandler
    public EntryResult handle(CreditForTransactionCommand command, Clock clock) {
        requireCanReceive(command.amount());
        apply(new TransactionCredited(walletId, command.transactionId(), command.entryId(), command.amount(),
                command.reference(), clock.instant()));
        return entry(command.entryId(), EntryType.TRANSACTION_CREDITED, command.amount());
    }

    /** Money that left this wallet comes back whatever became of the wallet since: it never was anyone else's. */
    @CommandHandler
    public EntryResult handle(ReturnTransferCommand command, Clock clock) {
        apply(new TransferReturned(walletId, command.transferId(), command.entryId(), command.amount(),
                command.toWalletId(), command.failureCode(), clock.instant()));
        return entry(command.entryId(), EntryType.TRANSFER_RECEIVED, command.amount());
    }

    /** Fires at the hold's expiresAt (durably: also after a restart); a hold that already ended stays as it is. */
    @DeadlineHandler(deadlineName = HOLD_EXPIRY)
    void expire(String holdId, Clock clock) {
        Hold hold = holds.get(holdId);
        if (hold == null || !hold.isActive()) {
            return;
        }
        apply(new HoldExpired(walletId, holdId, expiryEntryId(holdId), hold.amount(), clock.instant()));
    }

    /** The expiry's journal entry id is derived from the hold, so a repeated deadline cannot make a second one. */
    static String expiryEntryId(String holdId) {
        return UUID.nameUUIDFromBytes(("hold-expired:" + holdId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @EventSourcingHandler
    void on(WalletOpened event) {
        walletId = event.walletId();
        ownerId = event.ownerId();
        currency = event.currency();
        label = event.label();
        metadata = event.metadata();
        status = WalletStatus.ACTIVE;
        funds = Funds.empty(event.currency());
        createdAt = event.occurredAt();
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(MoneyDeposited event) {
        funds = funds.credit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(MoneyWithdrawn event) {
        funds = funds.debit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(WalletFrozen event) {
        status = WalletStatus.FROZEN;
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(WalletUnfrozen event) {
        status = WalletStatus.ACTIVE;
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(WalletClosed event) {
        status = WalletStatus.CLOSED;
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(HoldPlaced event) {
        funds = funds.reserve(event.amount());
        holds.put(event.holdId(), Hold.placed(event.holdId(), event.amount(), event.reference(), event.expiresAt(),
                event.occurredAt(), event.metadata()));
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(HoldCaptured event) {
        Hold hold = holds.get(event.holdId());
        funds = funds.capture(event.captured(), hold.amount());
        holds.put(event.holdId(), hold.ended(HoldStatus.CAPTURED, event.captured()));
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(HoldVoided event) {
        end(event.holdId(), HoldStatus.VOIDED);
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(HoldExpired event) {
        end(event.holdId(), HoldStatus.EXPIRED);
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(TransferSent event) {
        funds = funds.debit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(TransferReceived event) {
        funds = funds.credit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(EscrowPaymentReceived event) {
        funds = funds.credit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(TransactionDebited event) {
        funds = funds.debit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(TransactionCredited event) {
        funds = funds.credit(event.amount());
        touched(event.occurredAt());
    }

    @EventSourcingHandler
    void on(TransferReturned event) {
        funds = funds.credit(event.amount());
        touched(event.occurredAt());
    }

    private void end(String holdId, HoldStatus outcome) {
        Hold hold = holds.get(holdId);
        funds = funds.release(hold.amount());
        holds.put(holdId, hold.ended(outcome, Money.zero(currency)));
    }

    private void touched(Instant at) {
        version++;
        updatedAt = at;
    }

    // A client who does not own the wallet must not learn that it exists: 404, not 403.
    private void requireVisibleTo(Actor actor) {
        if (!actor.canSee(ownerId)) {
            throw LedgerException.notFound("wallet " + walletId);
        }
    }

    private void requireActor(Actor actor) {
        if (!actor.canActFor(ownerId)) {
            throw LedgerException.forbidden("only the owner or an admin may do this");
        }
    }

    private static void requireAdmin(Actor actor, String detail) {
        if (!actor.isAdmin()) {
            throw LedgerException.forbidden(detail);
        }
    }

    private void requireActive() {
        if (status != WalletStatus.ACTIVE) {
            throw notActive();
        }
    }

    private void requireStatus(WalletStatus expected, String action) {
        if (status != expected) {
            throw invalidTransition(action);
        }
    }

    private LedgerException notActive() {
        return new LedgerException(ErrorCode.WALLET_NOT_ACTIVE, "wallet " + walletId + " is " + status,
                Map.of("currentState", status.name()));
    }

    private LedgerException invalidTransition(String action) {
        return new LedgerException(ErrorCode.INVALID_STATE_TRANSITION,
                "cannot " + action + " a wallet that is " + status, Map.of("currentState", status.name()));
    }

    private Money amount(Amount requested) {
        try {
            return requested.in(currency);
        } catch (InvalidAmountException e) {
            throw invalid("amount", e.getMessage());
        }
    }

    private static LedgerException invalid(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    // a frozen wallet still receives money from others; only a closed one refuses it
    private void requireCanReceive(Money amount) {
        if (status == WalletStatus.CLOSED) {
            throw notActive();
        }
        requireCurrency(amount);
        if (!funds.canCredit(amount)) {
            throw invalid("amount", "would take the balance beyond what the ledger can hold");
        }
    }

    private void requireCurrency(Money amount) {
        if (!currency.equals(amount.currency())) {
            throw new LedgerException(ErrorCode.CURRENCY_MISMATCH,
                    "wallet " + walletId + " holds " + currency + ", not " + amount.currency());
        }
    }

    private Hold requireHold(String holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw LedgerException.notFound("hold " + holdId);
        }
        return hold;
    }

    private static void requireHoldActive(Hold hold, Instant now) {
        HoldStatus current = hold.isDueAt(now) ? HoldStatus.EXPIRED : hold.status();
        if (current != HoldStatus.ACTIVE) {
            throw new LedgerException(ErrorCode.HOLD_NOT_ACTIVE, "hold " + hold.holdId() + " is " + current,
                    Map.of("currentState", current.name()));
        }
    }

    private HoldView holdView(String holdId) {
        Hold hold = holds.get(holdId);
        return new HoldView(hold.holdId(), walletId, hold.amount(), hold.captured(), hold.status(), hold.reference(),
                hold.expiresAt(), hold.createdAt(), version, hold.metadata());
    }

    private EntryResult entry(String entryId, EntryType type, Money amount) {
        return new EntryResult(entryId, walletId, type, amount, funds.balance(), funds.held(), funds.available(),
                version, updatedAt);
    }

    private WalletView view() {
        return new WalletView(walletId, ownerId, currency, label, status, funds.balance(), funds.held(),
                funds.available(), version, createdAt, updatedAt, metadata);
    }
}
