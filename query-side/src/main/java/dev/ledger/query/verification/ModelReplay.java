package dev.ledger.query.verification;

import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.query.verification.LedgerModel.Escrow;
import dev.ledger.query.verification.LedgerModel.Hold;
import dev.ledger.query.verification.LedgerModel.Transfer;
import dev.ledger.query.verification.LedgerModel.Wallet;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * Replays stored events, in commit order, into a fresh {@link LedgerModel}, independently of the projections. What a
 * single event already contradicts — a sequence gap, an event of an aggregate never created, a hold ending twice, a
 * wallet's available amount below zero — is reported at that event's position.
 */
final class ModelReplay {

    private final Serializer serializer;
    private final Mismatches mismatches;
    private final LedgerModel model = new LedgerModel();
    private final Map<String, Long> nextSequence = new HashMap<>();

    ModelReplay(Serializer serializer, Mismatches mismatches) {
        this.serializer = serializer;
        this.mismatches = mismatches;
    }

    LedgerModel model() {
        return model;
    }

    /** One row of {@code domain_event_entry}, selected with {@link EventChain#COLUMNS}. */
    void replay(ResultSet row) throws SQLException {
        long position = row.getLong("global_index");
        String aggregate = row.getString("aggregate_identifier");
        long sequence = row.getLong("sequence_number");
        Object event;
        try {
            SerializedObject<byte[]> payload = new SimpleSerializedObject<>(row.getBytes("payload"), byte[].class,
                    new SimpleSerializedType(row.getString("payload_type"), row.getString("payload_revision")));
            event = serializer.deserialize(payload);
        } catch (RuntimeException unreadable) {
            checkSequence(aggregate, sequence, position);
            model.eventsChecked++;
            mismatches.add("unreadable-event", aggregate, "domain_event_entry.payload", row.getString("payload_type"),
                    String.valueOf(unreadable.getMessage()), position);
            return;
        }
        replay(event, aggregate, sequence, position);
    }

    /** One event, as stored for {@code aggregate} at {@code sequence}, found at global {@code position}. */
    void replay(Object event, String aggregate, long sequence, long position) {
        model.eventsChecked++;
        checkSequence(aggregate, sequence, position);
        apply(event, aggregate, sequence, position);
    }

    private LedgerModel.Transaction transaction(String transactionId, String currency) {
        return model.transactions.computeIfAbsent(transactionId,
                id -> new LedgerModel.Transaction(currency, 0, 0, null));
    }

    private static long legTotal(TransactionPosted posted, LegDirection direction) {
        return posted.legs().stream().filter(leg -> leg.direction() == direction)
                .mapToLong(leg -> leg.amount().minorUnits()).sum();
    }

    private void checkSequence(String aggregate, long sequence, long position) {
        long expectedSequence = nextSequence.getOrDefault(aggregate, 0L);
        if (sequence != expectedSequence) {
            mismatches.add("sequence", aggregate, "domain_event_entry.sequence_number", expectedSequence, sequence,
                    position);
        }
        nextSequence.put(aggregate, sequence + 1);
    }

    private void apply(Object event, String aggregate, long sequence, long position) {
        if (event instanceof WalletOpened e) {
            model.wallets.put(e.walletId(), new Wallet(e.ownerId(), e.currency(), sequence + 1));
            model.flows(e.currency());
        } else if (event instanceof MoneyDeposited e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance += e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.deposits = flows.deposits.add(units(e.amount().minorUnits()));
                w.entry(sequence, e.entryId(), EntryType.DEPOSITED, e.amount().minorUnits());
            });
        } else if (event instanceof MoneyWithdrawn e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance -= e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.withdrawals = flows.withdrawals.add(units(e.amount().minorUnits()));
                w.entry(sequence, e.entryId(), EntryType.WITHDRAWN, e.amount().minorUnits());
            });
        } else if (event instanceof HoldPlaced e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.held += e.amount().minorUnits();
                model.holds.put(e.holdId(), new Hold(e.walletId(), e.amount().currency(), e.amount().minorUnits(),
                        sequence + 1));
                w.entry(sequence, e.entryId(), EntryType.HOLD_PLACED, e.amount().minorUnits());
            });
        } else if (event instanceof HoldCaptured e) {
            long captured = e.captured().minorUnits();
            long released = e.released().minorUnits();
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance -= captured;
                w.held -= captured + released;
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.captures = flows.captures.add(units(captured));
                endHold(e.holdId(), HoldStatus.CAPTURED, captured + released, captured, sequence, position);
                w.entry(sequence, e.entryId(), EntryType.HOLD_CAPTURED, captured);
            });
        } else if (event instanceof HoldVoided e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.held -= e.amount().minorUnits();
                endHold(e.holdId(), HoldStatus.VOIDED, e.amount().minorUnits(), 0, sequence, position);
                w.entry(sequence, e.entryId(), EntryType.HOLD_VOIDED, e.amount().minorUnits());
            });
        } else if (event instanceof HoldExpired e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.held -= e.amount().minorUnits();
                endHold(e.holdId(), HoldStatus.EXPIRED, e.amount().minorUnits(), 0, sequence, position);
                w.entry(sequence, e.entryId(), EntryType.HOLD_EXPIRED, e.amount().minorUnits());
            });
        } else if (event instanceof TransferSent e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance -= e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.inFlight = flows.inFlight.add(units(e.amount().minorUnits()));
                model.transfers.putIfAbsent(e.transferId(), new Transfer(e.walletId(), e.toWalletId(),
                        e.amount().currency(), e.amount().minorUnits()));
                w.entry(sequence, e.entryId(), EntryType.TRANSFER_SENT, e.amount().minorUnits());
            });
        } else if (event instanceof TransferReceived e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance += e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.inFlight = flows.inFlight.subtract(units(e.amount().minorUnits()));
                settle(e.transferId(), e.fromWalletId(), e.walletId(), e.amount().currency(),
                        e.amount().minorUnits(), TransferStatus.COMPLETED, null, position);
                w.entry(sequence, e.entryId(), EntryType.TRANSFER_RECEIVED, e.amount().minorUnits());
            });
        } else if (event instanceof TransferReturned e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance += e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.inFlight = flows.inFlight.subtract(units(e.amount().minorUnits()));
                settle(e.transferId(), e.walletId(), e.toWalletId(), e.amount().currency(),
                        e.amount().minorUnits(), TransferStatus.FAILED, e.failureCode(), position);
                w.entry(sequence, e.entryId(), EntryType.TRANSFER_RECEIVED, e.amount().minorUnits());
            });
        } else if (event instanceof TransferReversed e) {
            // the reversal itself is a transfer, replayed as one; this only counts what has been sent back
            if (e.reversedTotal().isGreaterThan(e.transferAmount())) {
                mismatches.add("invariant", e.transferId(), "reversals never exceed the transfer",
                        e.transferAmount().minorUnits(), e.reversedTotal().minorUnits(), position);
            }
        } else if (event instanceof TransactionDebited e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance -= e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.transactionDebits = flows.transactionDebits.add(units(e.amount().minorUnits()));
                transaction(e.transactionId(), w.currency).bookedDebits += e.amount().minorUnits();
                w.entry(sequence, e.entryId(), EntryType.TRANSACTION_DEBITED, e.amount().minorUnits());
            });
        } else if (event instanceof TransactionCredited e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance += e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.transactionCredits = flows.transactionCredits.add(units(e.amount().minorUnits()));
                transaction(e.transactionId(), w.currency).bookedCredits += e.amount().minorUnits();
                w.entry(sequence, e.entryId(), EntryType.TRANSACTION_CREDITED, e.amount().minorUnits());
            });
        } else if (event instanceof TransactionPosted e) {
            // the legs are appended before the transaction's own event, in the same commit
            LedgerModel.Transaction booked = model.transactions.remove(e.transactionId());
            LedgerModel.Transaction posted = new LedgerModel.Transaction(e.currency(),
                    legTotal(e, LegDirection.DEBIT), legTotal(e, LegDirection.CREDIT), e.reversalOf());
            if (booked != null) {
                posted.bookedDebits = booked.bookedDebits;
                posted.bookedCredits = booked.bookedCredits;
            }
            model.transactions.put(e.transactionId(), posted);
        } else if (event instanceof TransactionReversed e) {
            LedgerModel.Transaction reversed = model.transactions.get(e.transactionId());
            if (reversed == null || reversed.reversed) {
                mismatches.add("invariant", e.transactionId(), "a posted transaction is reversed once",
                        "POSTED", reversed == null ? "unknown" : "REVERSED", position);
            } else {
                reversed.reversed = true;
            }
        } else if (event instanceof EscrowPaymentReceived e) {
            onWallet(e.walletId(), sequence, position, w -> {
                w.balance += e.amount().minorUnits();
                LedgerModel.Flows flows = model.flows(w.currency);
                flows.escrowPayments = flows.escrowPayments.add(units(e.amount().minorUnits()));
                model.escrowPayments.merge(e.escrowId(), units(e.amount().minorUnits()), BigInteger::add);
                w.entry(sequence, e.entryId(), EntryType.ESCROW_RECEIVED, e.amount().minorUnits());
            });
        } else if (event instanceof WalletFrozen e) {
            onWallet(e.walletId(), sequence, position, w -> w.status(sequence, e.entryId(), EntryType.FROZEN,
                    WalletStatus.FROZEN));
        } else if (event instanceof WalletUnfrozen e) {
            onWallet(e.walletId(), sequence, position, w -> w.status(sequence, e.entryId(), EntryType.UNFROZEN,
                    WalletStatus.ACTIVE));
        } else if (event instanceof WalletClosed e) {
            onWallet(e.walletId(), sequence, position, w -> w.status(sequence, e.entryId(), EntryType.CLOSED,
                    WalletStatus.CLOSED));
        } else if (event instanceof EscrowCreated e) {
            model.escrows.put(e.escrowId(), new Escrow(e.buyerWalletId(), e.sellerWalletId(),
                    e.amount().currency(), e.amount().minorUnits(), sequence + 1));
        } else if (event instanceof EscrowFunded e) {
            onEscrow(e.escrowId(), sequence, position, x -> {
                x.state = EscrowState.FUNDED;
                x.holdId = e.holdId();
            });
        } else if (event instanceof EscrowReleased e) {
            onEscrow(e.escrowId(), sequence, position, x -> x.state = EscrowState.RELEASED);
        } else if (event instanceof EscrowRefunded e) {
            onEscrow(e.escrowId(), sequence, position, x -> x.state = EscrowState.REFUNDED);
        } else if (event instanceof EscrowExpired e) {
            onEscrow(e.escrowId(), sequence, position, x -> x.state = EscrowState.EXPIRED);
        } else {
            mismatches.add("unreadable-event", aggregate, "domain_event_entry.payload_type", "a ledger event",
                    event.getClass().getName(), position);
        }
    }

    private static BigInteger units(long minorUnits) {
        return BigInteger.valueOf(minorUnits);
    }

    private void onWallet(String walletId, long sequence, long position, Consumer<Wallet> change) {
        Wallet wallet = model.wallets.get(walletId);
        if (wallet == null) {
            mismatches.add("sequence", walletId, "WalletOpened", "the wallet opened first", "no such wallet",
                    position);
            return;
        }
        change.accept(wallet);
        wallet.version = sequence + 1;
        if (wallet.balance - wallet.held < 0 && !wallet.overdrawn) {
            wallet.overdrawn = true;
            mismatches.add("invariant", walletId, "available >= 0", ">= 0", wallet.balance - wallet.held, position);
        }
    }

    private void onEscrow(String escrowId, long sequence, long position, Consumer<Escrow> change) {
        Escrow escrow = model.escrows.get(escrowId);
        if (escrow == null) {
            mismatches.add("sequence", escrowId, "EscrowCreated", "the escrow created first", "no such escrow",
                    position);
            return;
        }
        change.accept(escrow);
        escrow.version = sequence + 1;
    }

    private void endHold(String holdId, HoldStatus status, long amount, long captured, long sequence,
                         long position) {
        Hold hold = model.holds.get(holdId);
        if (hold == null) {
            mismatches.add("invariant", holdId, "hold ended", "a placed hold", "no such hold", position);
            return;
        }
        if (hold.status != HoldStatus.ACTIVE) {
            mismatches.add("invariant", holdId, "hold ends once", HoldStatus.ACTIVE, hold.status, position);
            return;
        }
        if (amount != hold.amount) {
            mismatches.add("invariant", holdId, "hold amount at " + status, hold.amount, amount, position);
        }
        if (captured > hold.amount) {
            mismatches.add("invariant", holdId, "captured <= amount", "<= " + hold.amount, captured, position);
        }
        hold.status = status;
        hold.captured = captured;
        hold.version = sequence + 1;
    }

    private void settle(String transferId, String from, String to, String currency, long amount,
                        TransferStatus status, String failureCode, long position) {
        Transfer transfer = model.transfers.computeIfAbsent(transferId, id -> new Transfer(from, to, currency, amount));
        if (transfer.status != TransferStatus.PENDING) {
            mismatches.add("invariant", transferId, "transfer settles once", TransferStatus.PENDING, transfer.status,
                    position);
            return;
        }
        if (transfer.amount != amount) {
            mismatches.add("invariant", transferId, "transfer amount at " + status, transfer.amount, amount,
                    position);
        }
        transfer.status = status;
        transfer.failureCode = failureCode;
    }
}
