package dev.ledger.gateway.webhook;

import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.money.Money;
import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transaction.TransactionStatus;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.escrow.EscrowResponse;
import dev.ledger.gateway.transaction.TransactionResponse;
import dev.ledger.gateway.transfer.TransferResponse;
import dev.ledger.gateway.wallet.HoldResponse;
import dev.ledger.gateway.wallet.WalletResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The ledger's events folded into the resources the API shows, one event at a time in the order of the event
 * stream, and what each event means as a webhook ({@link ResourceChange}). This is where a new event type gets its
 * webhook.
 *
 * <p>The views are the event-sourced state, not the read models: the read models lag, and a delivery must carry
 * the resource exactly as this event left it. The same rules as the projections ({@code WalletProjection},
 * {@code HoldProjection}, {@code TransferProjection}, {@code EscrowProjection}); {@code ResourceFoldTest} pins them.
 */
final class ResourceFold {

    /** Where the fold keeps each resource between events. */
    interface States {
        <T> Optional<T> get(String resourceType, String id, Class<T> type);

        void put(String resourceType, String id, Object state);
    }

    static final String WALLET = "wallet";
    static final String HOLD = "hold";
    static final String TRANSFER = "transfer";
    static final String ESCROW = "escrow";
    static final String TRANSACTION = "transaction";

    private final States states;

    ResourceFold(States states) {
        this.states = states;
    }

    /**
     * Applies the event with this sequence number (within its aggregate) to the resources it changes and returns its
     * webhook, or empty for an event no webhook type stands for (a transfer leaving its source wallet: the
     * transfer's webhook is its completion or failure).
     */
    Optional<ResourceChange> apply(Object event, long sequence) {
        long version = sequence + 1;
        if (event instanceof WalletOpened e) {
            Money zero = Money.zero(e.currency());
            WalletView opened = new WalletView(e.walletId(), e.ownerId(), e.currency(), e.label(),
                    WalletStatus.ACTIVE, zero, zero, zero, version, e.occurredAt(), e.occurredAt(), e.metadata());
            states.put(WALLET, e.walletId(), opened);
            return wallet("wallet.opened", opened);
        }
        if (event instanceof MoneyDeposited e) {
            return wallet("wallet.deposited", moved(e.walletId(), e.amount(), null, version, e.occurredAt()));
        }
        if (event instanceof MoneyWithdrawn e) {
            return wallet("wallet.withdrawn", moved(e.walletId(), negate(e.amount()), null, version, e.occurredAt()));
        }
        if (event instanceof WalletFrozen e) {
            return wallet("wallet.frozen", status(e.walletId(), WalletStatus.FROZEN, version, e.occurredAt()));
        }
        if (event instanceof WalletUnfrozen e) {
            return wallet("wallet.unfrozen", status(e.walletId(), WalletStatus.ACTIVE, version, e.occurredAt()));
        }
        if (event instanceof WalletClosed e) {
            return wallet("wallet.closed", status(e.walletId(), WalletStatus.CLOSED, version, e.occurredAt()));
        }
        if (event instanceof HoldPlaced e) {
            moved(e.walletId(), null, e.amount(), version, e.occurredAt());
            return hold("hold.placed", new HoldView(e.holdId(), e.walletId(), e.amount(),
                    Money.zero(e.amount().currency()), HoldStatus.ACTIVE, e.reference(), e.expiresAt(),
                    e.occurredAt(), version, e.metadata()));
        }
        if (event instanceof HoldCaptured e) {
            moved(e.walletId(), negate(e.captured()), negate(e.captured().plus(e.released())), version, e.occurredAt());
            return endHold("hold.captured", e.holdId(), HoldStatus.CAPTURED, e.captured(), version);
        }
        if (event instanceof HoldVoided e) {
            moved(e.walletId(), null, negate(e.amount()), version, e.occurredAt());
            return endHold("hold.voided", e.holdId(), HoldStatus.VOIDED, null, version);
        }
        if (event instanceof HoldExpired e) {
            moved(e.walletId(), null, negate(e.amount()), version, e.occurredAt());
            return endHold("hold.expired", e.holdId(), HoldStatus.EXPIRED, null, version);
        }
        if (event instanceof TransferSent e) {
            moved(e.walletId(), negate(e.amount()), null, version, e.occurredAt());
            states.put(TRANSFER, e.transferId(), new TransferView(e.transferId(), e.walletId(), e.toWalletId(),
                    e.amount(), TransferStatus.PENDING, null, e.occurredAt(), null, e.reference(), e.reversalOf(),
                    null, e.metadata()));
            return Optional.empty();
        }
        if (event instanceof TransferReversed e) {
            // the original's reversedAmount grows; the reversal itself is a transfer with its own completion webhook
            states.get(TRANSFER, e.transferId(), TransferView.class).ifPresent(t -> states.put(TRANSFER,
                    e.transferId(), new TransferView(t.transferId(), t.fromWalletId(), t.toWalletId(), t.amount(),
                            t.status(), t.failureCode(), t.createdAt(), t.completedAt(), t.reference(),
                            t.reversalOf(), e.reversedTotal(), t.metadata())));
            return Optional.empty();
        }
        if (event instanceof TransactionDebited e) {
            // a leg's side of transaction.posted, which is the webhook for it
            moved(e.walletId(), negate(e.amount()), null, version, e.occurredAt());
            return Optional.empty();
        }
        if (event instanceof TransactionCredited e) {
            moved(e.walletId(), e.amount(), null, version, e.occurredAt());
            return Optional.empty();
        }
        if (event instanceof TransactionPosted e) {
            return transaction("transaction.posted", new TransactionView(e.transactionId(), e.currency(),
                    e.legs().stream().map(PostedLeg::leg).toList(), e.reference(), e.metadata(),
                    TransactionStatus.POSTED, e.reversalOf(), e.occurredAt(), version));
        }
        if (event instanceof TransactionReversed e) {
            return states.get(TRANSACTION, e.transactionId(), TransactionView.class).flatMap(t -> transaction(
                    "transaction.reversed", new TransactionView(t.transactionId(), t.currency(), t.legs(),
                            t.reference(), t.metadata(), TransactionStatus.REVERSED, t.reversalOf(), t.createdAt(),
                            version)));
        }
        if (event instanceof TransferReceived e) {
            moved(e.walletId(), e.amount(), null, version, e.occurredAt());
            return settle("transfer.completed", e.transferId(), e.fromWalletId(), e.walletId(), e.amount(),
                    TransferStatus.COMPLETED, null, e.occurredAt());
        }
        if (event instanceof TransferReturned e) {
            moved(e.walletId(), e.amount(), null, version, e.occurredAt());
            return settle("transfer.failed", e.transferId(), e.walletId(), e.toWalletId(), e.amount(),
                    TransferStatus.FAILED, e.failureCode(), e.occurredAt());
        }
        if (event instanceof EscrowPaymentReceived e) {
            // the seller's side of escrow.released, which is the webhook for it
            moved(e.walletId(), e.amount(), null, version, e.occurredAt());
            return Optional.empty();
        }
        if (event instanceof EscrowCreated e) {
            return escrow("escrow.created", new EscrowView(e.escrowId(), e.buyerId(), e.sellerId(),
                    e.buyerWalletId(), e.sellerWalletId(), e.amount(), e.description(), EscrowState.CREATED,
                    e.expiresInSeconds(), e.occurredAt(), null, null, null, null, null, version, e.metadata()));
        }
        if (event instanceof EscrowFunded e) {
            return escrowState(e.escrowId()).flatMap(v -> escrow("escrow.funded", new EscrowView(v.escrowId(),
                    v.buyerId(), v.sellerId(), v.buyerWalletId(), v.sellerWalletId(), v.amount(), v.description(),
                    EscrowState.FUNDED, v.expiresInSeconds(), v.createdAt(), e.occurredAt(), e.expiresAt(),
                    v.releasedAt(), v.refundedAt(), v.expiredAt(), version, v.metadata())));
        }
        if (event instanceof EscrowReleased e) {
            return escrowState(e.escrowId()).flatMap(v -> escrow("escrow.released", new EscrowView(v.escrowId(),
                    v.buyerId(), v.sellerId(), v.buyerWalletId(), v.sellerWalletId(), v.amount(), v.description(),
                    EscrowState.RELEASED, v.expiresInSeconds(), v.createdAt(), v.fundedAt(), v.expiresAt(),
                    e.occurredAt(), v.refundedAt(), v.expiredAt(), version, v.metadata())));
        }
        if (event instanceof EscrowRefunded e) {
            return escrowState(e.escrowId()).flatMap(v -> escrow("escrow.refunded", new EscrowView(v.escrowId(),
                    v.buyerId(), v.sellerId(), v.buyerWalletId(), v.sellerWalletId(), v.amount(), v.description(),
                    EscrowState.REFUNDED, v.expiresInSeconds(), v.createdAt(), v.fundedAt(), v.expiresAt(),
                    v.releasedAt(), e.occurredAt(), v.expiredAt(), version, v.metadata())));
        }
        if (event instanceof EscrowExpired e) {
            return escrowState(e.escrowId()).flatMap(v -> escrow("escrow.expired", new EscrowView(v.escrowId(),
                    v.buyerId(), v.sellerId(), v.buyerWalletId(), v.sellerWalletId(), v.amount(), v.description(),
                    EscrowState.EXPIRED, v.expiresInSeconds(), v.createdAt(), v.fundedAt(), v.expiresAt(),
                    v.releasedAt(), v.refundedAt(), e.occurredAt(), version, v.metadata())));
        }
        return Optional.empty();
    }

    private Optional<ResourceChange> wallet(String type, WalletView view) {
        return Optional.ofNullable(view)
                .map(w -> new ResourceChange(type, WALLET, w.walletId(), WalletResponse.of(w)));
    }

    /** The wallet after money moved on it: {@code balance} and {@code held} change by these (null: unchanged). */
    private WalletView moved(String walletId, Money balanceChange, Money heldChange, long version, Instant at) {
        return states.get(WALLET, walletId, WalletView.class).map(w -> {
            Money balance = balanceChange == null ? w.balance() : w.balance().plus(balanceChange);
            Money held = heldChange == null ? w.held() : w.held().plus(heldChange);
            WalletView next = new WalletView(w.walletId(), w.ownerId(), w.currency(), w.label(), w.status(), balance,
                    held, balance.minus(held), version, w.createdAt(), at, w.metadata());
            states.put(WALLET, walletId, next);
            return next;
        }).orElse(null);
    }

    private WalletView status(String walletId, WalletStatus status, long version, Instant at) {
        return states.get(WALLET, walletId, WalletView.class).map(w -> {
            WalletView next = new WalletView(w.walletId(), w.ownerId(), w.currency(), w.label(), status, w.balance(),
                    w.held(), w.available(), version, w.createdAt(), at, w.metadata());
            states.put(WALLET, walletId, next);
            return next;
        }).orElse(null);
    }

    private Optional<ResourceChange> hold(String type, HoldView view) {
        states.put(HOLD, view.holdId(), view);
        return Optional.of(new ResourceChange(type, HOLD, view.holdId(), HoldResponse.of(view)));
    }

    private Optional<ResourceChange> endHold(String type, String holdId, HoldStatus status, Money captured,
                                             long version) {
        return states.get(HOLD, holdId, HoldView.class).flatMap(h -> hold(type, new HoldView(h.holdId(),
                h.walletId(), h.amount(), captured == null ? h.capturedAmount() : captured, status, h.reference(),
                h.expiresAt(), h.createdAt(), version, h.metadata())));
    }

    private Optional<ResourceChange> settle(String type, String transferId, String from, String to, Money amount,
                                            TransferStatus status, String failureCode, Instant at) {
        Optional<TransferView> sent = states.get(TRANSFER, transferId, TransferView.class);
        TransferView view = new TransferView(transferId, from, to, amount, status, failureCode,
                sent.map(TransferView::createdAt).orElse(at), at, sent.map(TransferView::reference).orElse(null),
                sent.map(TransferView::reversalOf).orElse(null), sent.map(TransferView::reversedAmount).orElse(null),
                sent.map(TransferView::metadata).orElse(null));
        states.put(TRANSFER, transferId, view);
        return Optional.of(new ResourceChange(type, TRANSFER, transferId, TransferResponse.of(view)));
    }

    private Optional<EscrowView> escrowState(String escrowId) {
        return states.get(ESCROW, escrowId, EscrowView.class);
    }

    private Optional<ResourceChange> escrow(String type, EscrowView view) {
        states.put(ESCROW, view.escrowId(), view);
        return Optional.of(new ResourceChange(type, ESCROW, view.escrowId(), EscrowResponse.of(view)));
    }

    private Optional<ResourceChange> transaction(String type, TransactionView view) {
        states.put(TRANSACTION, view.transactionId(), view);
        return Optional.of(new ResourceChange(type, TRANSACTION, view.transactionId(), TransactionResponse.of(view)));
    }

    private static Money negate(Money amount) {
        return new Money(Math.negateExact(amount.minorUnits()), amount.currency());
    }
}
