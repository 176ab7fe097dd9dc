package dev.ledger.command.transaction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.command.process.ProcessCommands;
import dev.ledger.command.process.WalletLockOrder;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transaction.CreditForTransactionCommand;
import dev.ledger.events.transaction.DebitForTransactionCommand;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.PostTransactionCommand;
import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.ReverseTransactionCommand;
import dev.ledger.events.transaction.TransactionLeg;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transaction.TransactionStatus;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A transaction: money moved between several wallets of one currency, all legs or none (API.md §9, docs/adr/016).
 * POSTED, then REVERSED at most once.
 *
 * <p>Like a transfer (docs/adr/012) and an escrow (docs/adr/007) it moves the money itself, inside its own unit of
 * work: it first locks every wallet in the order of their ids (the order transfers use, so that transactions and
 * transfers over the same wallets never wait on each other for good), decides every leg from the wallets'
 * event-sourced state, and only then books the legs. A refusal is therefore decided before anything moved, and the
 * wallets' events, the transaction's own and the request's idempotency record commit together or not at all.
 */
@Aggregate
public class Transaction {

    /** Who inspects and credits wallets for a transaction: paying into any wallet needs no right on it. */
    static final Actor TRANSACTION_ACTOR = Actor.admin("process:transaction");

    @AggregateIdentifier
    private String transactionId;
    private Legs legs;
    private String reference;
    private Map<String, String> metadata;
    private TransactionStatus status;
    private String reversalOf;
    private Instant createdAt;
    private long version;

    protected Transaction() {
        // for Axon, which rebuilds transactions from their events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public TransactionView handle(PostTransactionCommand command, Clock clock, ProcessCommands wallets) {
        Actor actor = command.actor();
        if (actor.role() == Role.AUDITOR) {
            throw LedgerException.forbidden("auditors do not move money");
        }
        Legs checked = Legs.balanced(command.currency(), command.legs());
        Map<String, WalletView> locked = lock(wallets, checked, actor);
        List<PostedLeg> posted = new ArrayList<>();
        for (TransactionLeg leg : checked.legs()) {
            WalletView wallet = locked.get(leg.walletId());
            decide(leg, wallet, actor);
            posted.add(new PostedLeg(leg.walletId(), wallet.ownerId(), leg.direction(), leg.amount()));
        }
        // decided: from here on a refusal can only be one the wallets' state did not show (a balance beyond what the
        // ledger can hold), and it takes back the legs already booked. Debits go first, so that no reader ever
        // sees more money in the ledger than there is.
        for (TransactionLeg leg : checked.legs()) {
            if (leg.direction() == LegDirection.DEBIT) {
                book(wallets, command, leg, actor);
            }
        }
        for (TransactionLeg leg : checked.legs()) {
            if (leg.direction() == LegDirection.CREDIT) {
                book(wallets, command, leg, actor);
            }
        }
        apply(new TransactionPosted(command.transactionId(), command.currency(), posted, command.reference(),
                command.metadata(), command.reversalOf(), clock.instant()));
        return view();
    }

    /**
     * Reverses the transaction with a new one that swaps every leg, in this unit of work: when a wallet cannot pay
     * its part back, the reversal is refused and the transaction stays POSTED.
     */
    @CommandHandler
    public TransactionView handle(ReverseTransactionCommand command, Clock clock, ProcessCommands commands) {
        if (!command.actor().isAdmin()) {
            throw LedgerException.forbidden("only an admin reverses a transaction");
        }
        if (status != TransactionStatus.POSTED) {
            throw new LedgerException(ErrorCode.INVALID_STATE_TRANSITION,
                    "transaction " + transactionId + " is " + status + "; a transaction is reversed once",
                    Map.of("currentState", status.name()));
        }
        CommandOutcome reversal = commands.send(new PostTransactionCommand(command.reversalId(), legs.currency(),
                legs.swapped(), command.reason(), Map.of(), transactionId, command.actor()), command.actor(), null);
        if (reversal.isRejected()) {
            // the reversal refuses before any leg moves (see above): its refusal is this command's answer
            throw reversal.rejectionAsException();
        }
        apply(new TransactionReversed(transactionId, command.reversalId(), command.reason(), clock.instant()));
        return (TransactionView) reversal.result();
    }

    /** Loads, and so locks, every wallet in id order; a debited wallet is seen as the caller sees it. */
    private static Map<String, WalletView> lock(ProcessCommands wallets, Legs legs, Actor actor) {
        Map<String, Actor> askingFor = new HashMap<>();
        legs.legs().forEach(leg -> askingFor.put(leg.walletId(),
                leg.direction() == LegDirection.DEBIT ? actor : TRANSACTION_ACTOR));
        Map<String, WalletView> locked = new HashMap<>();
        WalletLockOrder.inspect(wallets, askingFor).forEach((walletId, inspected) -> {
            if (inspected.rejection() == ErrorCode.NOT_FOUND) {
                throw LedgerException.notFound("wallet " + walletId);
            }
            if (inspected.isRejected()) {
                throw inspected.rejectionAsException();
            }
            locked.put(walletId, (WalletView) inspected.result());
        });
        return locked;
    }

    /** The rules of one leg, in the order API.md §9 lists them, each refusal naming the leg's wallet. */
    private static void decide(TransactionLeg leg, WalletView wallet, Actor actor) {
        Money amount = leg.amount();
        Map<String, Object> where = Map.of("walletId", wallet.walletId());
        if (!wallet.currency().equals(amount.currency())) {
            throw new LedgerException(ErrorCode.CURRENCY_MISMATCH, "wallet " + wallet.walletId() + " holds "
                    + wallet.currency() + ", the transaction moves " + amount.currency(), where);
        }
        if (leg.direction() == LegDirection.DEBIT) {
            if (!actor.canActFor(wallet.ownerId())) {
                throw LedgerException.forbidden("a client debits only its own wallets");
            }
            if (wallet.status() != WalletStatus.ACTIVE) {
                throw notActive(wallet);
            }
            if (amount.isGreaterThan(wallet.available())) {
                throw new LedgerException(ErrorCode.INSUFFICIENT_FUNDS, "wallet " + wallet.walletId()
                        + ": available " + wallet.available() + " does not cover " + amount, where);
            }
        } else if (wallet.status() == WalletStatus.CLOSED) {
            throw notActive(wallet);
        }
    }

    private static LedgerException notActive(WalletView wallet) {
        return new LedgerException(ErrorCode.WALLET_NOT_ACTIVE, "wallet " + wallet.walletId() + " is "
                + wallet.status(), Map.of("walletId", wallet.walletId(), "currentState", wallet.status().name()));
    }

    private static void book(ProcessCommands wallets, PostTransactionCommand command, TransactionLeg leg,
                             Actor actor) {
        String entryId = ProcessCommands.stepId(command.transactionId(), "leg:" + leg.walletId());
        Object step = leg.direction() == LegDirection.DEBIT
                ? new DebitForTransactionCommand(leg.walletId(), command.transactionId(), entryId, leg.amount(),
                        command.reference(), actor)
                : new CreditForTransactionCommand(leg.walletId(), command.transactionId(), entryId, leg.amount(),
                        command.reference());
        CommandOutcome booked = wallets.send(step, leg.direction() == LegDirection.DEBIT ? actor : TRANSACTION_ACTOR,
                null);
        if (booked.isRejected()) {
            Map<String, Object> extensions = new HashMap<>(booked.extensions());
            extensions.put("walletId", leg.walletId());
            throw new LedgerException(booked.rejection(), booked.detail(), extensions).undoingEverything();
        }
    }

    @EventSourcingHandler
    void on(TransactionPosted event) {
        transactionId = event.transactionId();
        legs = new Legs(event.currency(), event.legs().stream().map(PostedLeg::leg).toList());
        reference = event.reference();
        metadata = event.metadata();
        status = TransactionStatus.POSTED;
        reversalOf = event.reversalOf();
        createdAt = event.occurredAt();
        version++;
    }

    @EventSourcingHandler
    void on(TransactionReversed event) {
        status = TransactionStatus.REVERSED;
        version++;
    }

    private TransactionView view() {
        return new TransactionView(transactionId, legs.currency(), legs.legs(), reference, metadata, status,
                reversalOf, createdAt, version);
    }
}
