package dev.ledger.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.money.AmountFormat;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.money.Currencies;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.FreezeWalletCommand;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A wallet: one owner, one currency for life, a balance that never goes below what holds reserve.
 * Command handlers decide and answer with the state right after the command; event sourcing handlers only
 * assign state.
 */
@Aggregate
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
                clock.instant()));
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

    @EventSourcingHandler
    void on(WalletOpened event) {
        walletId = event.walletId();
        ownerId = event.ownerId();
        currency = event.currency();
        label = event.label();
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

    private Money amount(String literal) {
        try {
            return AmountFormat.parsePositive(literal, currency);
        } catch (InvalidAmountException e) {
            throw invalid("amount", e.getMessage());
        }
    }

    private static LedgerException invalid(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    private EntryResult entry(String entryId, EntryType type, Money amount) {
        return new EntryResult(entryId, walletId, type, amount, funds.balance(), funds.held(), funds.available(),
                version, updatedAt);
    }

    private WalletView view() {
        return new WalletView(walletId, ownerId, currency, label, status, funds.balance(), funds.held(),
                funds.available(), version, createdAt, updatedAt);
    }
}
