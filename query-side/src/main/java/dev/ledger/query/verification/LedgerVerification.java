package dev.ledger.query.verification;

import dev.ledger.events.audit.VerificationMismatch;
import dev.ledger.events.audit.VerificationReport;
import dev.ledger.events.audit.VerifyLedgerQuery;
import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification (API.md §7): replays every stored event into a fresh model, compares the model row by row with every
 * read model, checks the ledger's invariants, and recomputes the event log's hash chain ({@link EventSealer}).
 * Everything is read in one repeatable-read transaction, so the events and the read models are one snapshot; a read
 * model that is still catching up with the latest events shows as a mismatch for as long as it lags.
 */
@Component
public class LedgerVerification {

    /** Enough to see what is wrong; past it the report stops listing (ok stays false). */
    static final int MAX_MISMATCHES = 1000;
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final Serializer serializer;

    public LedgerVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                              Serializer serializer) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = transactions;
        this.serializer = serializer;
    }

    @QueryHandler
    public VerificationReport verify(VerifyLedgerQuery query) {
        return verify();
    }

    public VerificationReport verify() {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot.execute(status -> new Run(serializer).run());
    }

    private final class Run {

        private final Serializer serializer;
        private final List<VerificationMismatch> mismatches = new ArrayList<>();
        private long eventsChecked;
        private final Map<String, Long> nextSequence = new HashMap<>();
        private final Map<String, WalletModel> wallets = new TreeMap<>();
        private final Map<String, HoldModel> holds = new TreeMap<>();
        private final Map<String, EscrowModel> escrows = new TreeMap<>();
        private final Map<String, TransferModel> transfers = new TreeMap<>();
        private final Map<String, Long> escrowPayments = new HashMap<>();
        private final Map<String, Flows> flows = new TreeMap<>();

        Run(Serializer serializer) {
            this.serializer = serializer;
        }

        VerificationReport run() {
            checkChain();
            jdbc.query("select " + EventChain.COLUMNS + " from domain_event_entry order by global_index",
                    this::replay);
            checkInvariants();
            compareWallets();
            compareJournal();
            compareHolds();
            compareEscrows();
            compareTransfers();
            return new VerificationReport(mismatches.isEmpty(), eventsChecked, mismatches);
        }

        // ---- the hash chain ----

        private void checkChain() {
            String[] previous = {EventChain.GENESIS};
            jdbc.query("select s.global_index as seal_index, s.hash as seal, " + prefixed("e")
                    + " from event_seal s left join domain_event_entry e on e.global_index = s.global_index"
                    + " order by s.global_index", row -> {
                long position = row.getLong("seal_index");
                String seal = row.getString("seal");
                if (row.getString("event_identifier") == null) {
                    mismatch("missing-event", null, "domain_event_entry", "sealed event", "none", position);
                } else {
                    String link = EventChain.link(previous[0], row);
                    if (!link.equals(seal)) {
                        mismatch("hash-chain", row.getString("aggregate_identifier"), "event_seal.hash", seal, link,
                                position);
                    }
                }
                // the next link is checked against the stored one: each altered event is reported on its own
                previous[0] = seal;
            });
            jdbc.query("""
                    select e.global_index, e.aggregate_identifier from domain_event_entry e
                    where e.global_index < (select max(global_index) from event_seal)
                      and not exists (select 1 from event_seal s where s.global_index = e.global_index)
                    order by e.global_index""", row -> {
                mismatch("unsealed-event", row.getString("aggregate_identifier"), "event_seal", "sealed",
                        "not sealed, though later events are", row.getLong("global_index"));
            });
        }

        private String prefixed(String alias) {
            return Arrays.stream(EventChain.COLUMNS.split(",")).map(column -> alias + "." + column.trim())
                    .collect(Collectors.joining(", "));
        }

        // ---- the fresh model ----

        private void replay(ResultSet row) throws SQLException {
            eventsChecked++;
            long position = row.getLong("global_index");
            String aggregate = row.getString("aggregate_identifier");
            long sequence = row.getLong("sequence_number");
            long expectedSequence = nextSequence.getOrDefault(aggregate, 0L);
            if (sequence != expectedSequence) {
                mismatch("sequence", aggregate, "domain_event_entry.sequence_number", expectedSequence, sequence,
                        position);
            }
            nextSequence.put(aggregate, sequence + 1);
            Object event;
            try {
                SerializedObject<byte[]> payload = new SimpleSerializedObject<>(row.getBytes("payload"), byte[].class,
                        new SimpleSerializedType(row.getString("payload_type"), row.getString("payload_revision")));
                event = serializer.deserialize(payload);
            } catch (RuntimeException unreadable) {
                mismatch("unreadable-event", aggregate, "domain_event_entry.payload", row.getString("payload_type"),
                        String.valueOf(unreadable.getMessage()), position);
                return;
            }
            apply(event, aggregate, sequence, position);
        }

        private void apply(Object event, String aggregate, long sequence, long position) {
            if (event instanceof WalletOpened e) {
                wallets.put(e.walletId(), new WalletModel(e.ownerId(), e.currency(), sequence + 1));
                flows(e.currency());
            } else if (event instanceof MoneyDeposited e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance += e.amount().minorUnits();
                    flows(w.currency).deposits += e.amount().minorUnits();
                    w.entry(sequence, e.entryId(), EntryType.DEPOSITED, e.amount().minorUnits());
                });
            } else if (event instanceof MoneyWithdrawn e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance -= e.amount().minorUnits();
                    flows(w.currency).withdrawals += e.amount().minorUnits();
                    w.entry(sequence, e.entryId(), EntryType.WITHDRAWN, e.amount().minorUnits());
                });
            } else if (event instanceof HoldPlaced e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.held += e.amount().minorUnits();
                    holds.put(e.holdId(), new HoldModel(e.walletId(), e.amount().currency(), e.amount().minorUnits(),
                            sequence + 1));
                    w.entry(sequence, e.entryId(), EntryType.HOLD_PLACED, e.amount().minorUnits());
                });
            } else if (event instanceof HoldCaptured e) {
                long captured = e.captured().minorUnits();
                long released = e.released().minorUnits();
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance -= captured;
                    w.held -= captured + released;
                    flows(w.currency).captures += captured;
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
                    flows(w.currency).inFlight += e.amount().minorUnits();
                    transfers.putIfAbsent(e.transferId(), new TransferModel(e.walletId(), e.toWalletId(),
                            e.amount().currency(), e.amount().minorUnits()));
                    w.entry(sequence, e.entryId(), EntryType.TRANSFER_SENT, e.amount().minorUnits());
                });
            } else if (event instanceof TransferReceived e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance += e.amount().minorUnits();
                    flows(w.currency).inFlight -= e.amount().minorUnits();
                    settle(e.transferId(), e.fromWalletId(), e.walletId(), e.amount().currency(),
                            e.amount().minorUnits(), TransferStatus.COMPLETED, null, position);
                    w.entry(sequence, e.entryId(), EntryType.TRANSFER_RECEIVED, e.amount().minorUnits());
                });
            } else if (event instanceof TransferReturned e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance += e.amount().minorUnits();
                    flows(w.currency).inFlight -= e.amount().minorUnits();
                    settle(e.transferId(), e.walletId(), e.toWalletId(), e.amount().currency(),
                            e.amount().minorUnits(), TransferStatus.FAILED, e.failureCode(), position);
                    w.entry(sequence, e.entryId(), EntryType.TRANSFER_RECEIVED, e.amount().minorUnits());
                });
            } else if (event instanceof EscrowPaymentReceived e) {
                onWallet(e.walletId(), sequence, position, w -> {
                    w.balance += e.amount().minorUnits();
                    flows(w.currency).escrowPayments += e.amount().minorUnits();
                    escrowPayments.merge(e.escrowId(), e.amount().minorUnits(), Long::sum);
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
                escrows.put(e.escrowId(), new EscrowModel(e.buyerWalletId(), e.sellerWalletId(),
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
                mismatch("unreadable-event", aggregate, "domain_event_entry.payload_type", "a ledger event",
                        event.getClass().getName(), position);
            }
        }

        private void onWallet(String walletId, long sequence, long position, Consumer<WalletModel> change) {
            WalletModel wallet = wallets.get(walletId);
            if (wallet == null) {
                mismatch("sequence", walletId, "WalletOpened", "the wallet opened first", "no such wallet", position);
                return;
            }
            change.accept(wallet);
            wallet.version = sequence + 1;
            if (wallet.balance - wallet.held < 0 && !wallet.overdrawn) {
                wallet.overdrawn = true;
                mismatch("invariant", walletId, "available >= 0", ">= 0", wallet.balance - wallet.held, position);
            }
        }

        private void onEscrow(String escrowId, long sequence, long position, Consumer<EscrowModel> change) {
            EscrowModel escrow = escrows.get(escrowId);
            if (escrow == null) {
                mismatch("sequence", escrowId, "EscrowCreated", "the escrow created first", "no such escrow",
                        position);
                return;
            }
            change.accept(escrow);
            escrow.version = sequence + 1;
        }

        private void endHold(String holdId, HoldStatus status, long amount, long captured, long sequence,
                             long position) {
            HoldModel hold = holds.get(holdId);
            if (hold == null) {
                mismatch("invariant", holdId, "hold ended", "a placed hold", "no such hold", position);
                return;
            }
            if (hold.status != HoldStatus.ACTIVE) {
                mismatch("invariant", holdId, "hold ends once", HoldStatus.ACTIVE, hold.status, position);
                return;
            }
            if (amount != hold.amount) {
                mismatch("invariant", holdId, "hold amount at " + status, hold.amount, amount, position);
            }
            if (captured > hold.amount) {
                mismatch("invariant", holdId, "captured <= amount", "<= " + hold.amount, captured, position);
            }
            hold.status = status;
            hold.captured = captured;
            hold.version = sequence + 1;
        }

        private void settle(String transferId, String from, String to, String currency, long amount,
                            TransferStatus status, String failureCode, long position) {
            TransferModel transfer = transfers.computeIfAbsent(transferId,
                    id -> new TransferModel(from, to, currency, amount));
            if (transfer.status != TransferStatus.PENDING) {
                mismatch("invariant", transferId, "transfer settles once", TransferStatus.PENDING, transfer.status,
                        position);
                return;
            }
            if (transfer.amount != amount) {
                mismatch("invariant", transferId, "transfer amount at " + status, transfer.amount, amount, position);
            }
            transfer.status = status;
            transfer.failureCode = failureCode;
        }

        private Flows flows(String currency) {
            return flows.computeIfAbsent(currency, c -> new Flows());
        }

        // ---- invariants ----

        private void checkInvariants() {
            wallets.forEach((id, w) -> {
                if (w.held < 0) {
                    mismatch("invariant", id, "held >= 0", ">= 0", w.held, null);
                }
            });
            Map<String, Long> modelTotals = new TreeMap<>();
            wallets.values().forEach(w -> modelTotals.merge(w.currency, w.balance, Long::sum));
            Map<String, Long> readTotals = new TreeMap<>();
            jdbc.query("select currency, sum(balance) as total from wallet_view group by currency",
                    row -> {
                        readTotals.put(row.getString("currency"), row.getLong("total"));
                    });
            flows.forEach((currency, f) -> {
                // money enters by deposit (and by escrow payment, which the buyer's hold capture took out), leaves by
                // withdrawal and hold capture; a transfer moves it between wallets, in flight between its two events
                long expected = f.deposits - f.withdrawals - f.captures + f.escrowPayments - f.inFlight;
                long events = modelTotals.getOrDefault(currency, 0L);
                if (events != expected) {
                    mismatch("invariant", currency, "Σ deposits − Σ withdrawals − Σ captures + Σ escrow payments "
                            + "− in flight = Σ balances (events)", expected, events, null);
                }
                long read = readTotals.getOrDefault(currency, 0L);
                if (read != expected) {
                    mismatch("invariant", currency, "Σ deposits − Σ withdrawals − Σ captures + Σ escrow payments "
                            + "− in flight = Σ wallet_view.balance", expected, read, null);
                }
            });
            holds.forEach((id, hold) -> {
                if (hold.status == HoldStatus.CAPTURED && hold.captured > hold.amount) {
                    mismatch("invariant", id, "captured <= amount", "<= " + hold.amount, hold.captured, null);
                }
            });
            escrows.forEach((id, escrow) -> {
                HoldModel hold = escrow.holdId == null ? null : holds.get(escrow.holdId);
                long paid = escrowPayments.getOrDefault(id, 0L);
                switch (escrow.state) {
                    case RELEASED -> {
                        if (hold == null || hold.status != HoldStatus.CAPTURED || hold.captured != escrow.amount
                                || !hold.walletId.equals(escrow.buyerWalletId)) {
                            mismatch("invariant", id, "released escrow: buyer's hold captured for the amount",
                                    "CAPTURED " + escrow.amount,
                                    hold == null ? "no hold" : hold.status + " " + hold.captured, null);
                        }
                        if (paid != escrow.amount) {
                            mismatch("invariant", id, "released escrow: seller received the amount", escrow.amount,
                                    paid, null);
                        }
                    }
                    case REFUNDED, EXPIRED -> {
                        if (hold == null || (hold.status != HoldStatus.VOIDED && hold.status != HoldStatus.EXPIRED)) {
                            mismatch("invariant", id, escrow.state + " escrow: buyer's hold voided or expired",
                                    "VOIDED or EXPIRED", hold == null ? "no hold" : hold.status, null);
                        }
                    }
                    default -> {
                    }
                }
                if (escrow.state != EscrowState.RELEASED && paid != 0) {
                    mismatch("invariant", id, escrow.state + " escrow: seller received nothing", 0, paid, null);
                }
            });
            escrowPayments.keySet().stream().filter(id -> !escrows.containsKey(id)).forEach(id ->
                    mismatch("invariant", id, "escrow payment of a known escrow", "an escrow", "no such escrow", null));
        }

        // ---- the read models, row by row ----

        private void compareWallets() {
            compareRows("wallet_view", "select wallet_id, owner_id, currency, status, balance, held, version from wallet_view",
                    "wallet_id", wallets, (id, w, row) -> {
                        field("wallet_view", id, "owner_id", w.owner, row.getString("owner_id"));
                        field("wallet_view", id, "currency", w.currency, row.getString("currency"));
                        field("wallet_view", id, "status", w.status, row.getString("status"));
                        field("wallet_view", id, "balance", w.balance, row.getLong("balance"));
                        field("wallet_view", id, "held", w.held, row.getLong("held"));
                        field("wallet_view", id, "version", w.version, row.getLong("version"));
                    });
            compareRows("wallet_journal_head",
                    "select wallet_id, currency, last_sequence, balance, held from wallet_journal_head",
                    "wallet_id", wallets, (id, w, row) -> {
                        field("wallet_journal_head", id, "currency", w.currency, row.getString("currency"));
                        field("wallet_journal_head", id, "last_sequence", w.version - 1, row.getLong("last_sequence"));
                        field("wallet_journal_head", id, "balance", w.balance, row.getLong("balance"));
                        field("wallet_journal_head", id, "held", w.held, row.getLong("held"));
                    });
        }

        private void compareJournal() {
            jdbc.query("""
                    select wallet_id, sequence, entry_id, type, currency, amount, balance_after, held_after
                    from wallet_entry order by wallet_id, sequence""", row -> {
                String walletId = row.getString("wallet_id");
                long sequence = row.getLong("sequence");
                String id = walletId + "#" + sequence;
                WalletModel w = wallets.get(walletId);
                Entry entry = w == null ? null : w.entries.remove(sequence);
                if (entry == null) {
                    mismatch("extra-row", id, "wallet_entry", "no row", "a row", null);
                    return;
                }
                long amount = row.getLong("amount");
                Long found = row.wasNull() ? null : amount;
                field("wallet_entry", id, "entry_id", entry.entryId(), row.getString("entry_id"));
                field("wallet_entry", id, "type", entry.type(), row.getString("type"));
                field("wallet_entry", id, "currency", w.currency, row.getString("currency"));
                field("wallet_entry", id, "amount", entry.amount(), found);
                field("wallet_entry", id, "balance_after", entry.balanceAfter(), row.getLong("balance_after"));
                field("wallet_entry", id, "held_after", entry.heldAfter(), row.getLong("held_after"));
            });
            wallets.forEach((walletId, w) -> w.entries.keySet().forEach(sequence ->
                    mismatch("missing-row", walletId + "#" + sequence, "wallet_entry", "a row", "no row", null)));
        }

        private void compareHolds() {
            compareRows("wallet_hold",
                    "select hold_id, wallet_id, currency, amount, captured_amount, status, version from wallet_hold",
                    "hold_id", holds, (id, h, row) -> {
                        field("wallet_hold", id, "wallet_id", h.walletId, row.getString("wallet_id"));
                        field("wallet_hold", id, "currency", h.currency, row.getString("currency"));
                        field("wallet_hold", id, "amount", h.amount, row.getLong("amount"));
                        field("wallet_hold", id, "captured_amount", h.captured, row.getLong("captured_amount"));
                        field("wallet_hold", id, "status", h.status, row.getString("status"));
                        field("wallet_hold", id, "version", h.version, row.getLong("version"));
                    });
        }

        private void compareEscrows() {
            compareRows("escrow_view", """
                    select escrow_id, buyer_wallet_id, seller_wallet_id, currency, amount, state, version
                    from escrow_view""", "escrow_id", escrows, (id, x, row) -> {
                field("escrow_view", id, "buyer_wallet_id", x.buyerWalletId, row.getString("buyer_wallet_id"));
                field("escrow_view", id, "seller_wallet_id", x.sellerWalletId, row.getString("seller_wallet_id"));
                field("escrow_view", id, "currency", x.currency, row.getString("currency"));
                field("escrow_view", id, "amount", x.amount, row.getLong("amount"));
                field("escrow_view", id, "state", x.state, row.getString("state"));
                field("escrow_view", id, "version", x.version, row.getLong("version"));
            });
        }

        private void compareTransfers() {
            compareRows("transfer_view", """
                    select transfer_id, from_wallet_id, to_wallet_id, currency, amount, status, failure_code
                    from transfer_view""", "transfer_id", transfers, (id, t, row) -> {
                field("transfer_view", id, "from_wallet_id", t.from, row.getString("from_wallet_id"));
                field("transfer_view", id, "to_wallet_id", t.to, row.getString("to_wallet_id"));
                field("transfer_view", id, "currency", t.currency, row.getString("currency"));
                field("transfer_view", id, "amount", t.amount, row.getLong("amount"));
                field("transfer_view", id, "status", t.status, row.getString("status"));
                field("transfer_view", id, "failure_code", t.failureCode, row.getString("failure_code"));
            });
        }

        /** Every row of a read model against the fresh model: rows it lacks, rows it should not have, fields. */
        private <M> void compareRows(String table, String sql, String idColumn, Map<String, M> models,
                                     RowCheck<M> check) {
            Set<String> seen = new HashSet<>();
            jdbc.query(sql, (ResultSet row) -> {
                String id = row.getString(idColumn);
                seen.add(id);
                M model = models.get(id);
                if (model == null) {
                    mismatch("extra-row", id, table, "no row", "a row", null);
                    return;
                }
                check.compare(id, model, row);
            });
            missing(table, models.keySet(), seen);
        }

        private void field(String table, String id, String column, Object expected, Object found) {
            String wanted = expected == null ? null : expected.toString();
            String actual = found == null ? null : found.toString();
            if (!Objects.equals(wanted, actual)) {
                mismatch("field", id, table + "." + column, wanted, actual, null);
            }
        }

        private void missing(String table, Set<String> expected, Set<String> seen) {
            expected.stream().filter(id -> !seen.contains(id)).forEach(id ->
                    mismatch("missing-row", id, table, "a row", "no row", null));
        }

        private void mismatch(String kind, String aggregate, String field, Object expected, Object found,
                              Long position) {
            if (mismatches.size() < MAX_MISMATCHES) {
                mismatches.add(new VerificationMismatch(kind, aggregate, field,
                        expected == null ? null : expected.toString(), found == null ? null : found.toString(),
                        position));
            }
        }
    }

    private static final class WalletModel {
        final String owner;
        final String currency;
        WalletStatus status = WalletStatus.ACTIVE;
        long balance;
        long held;
        long version;
        boolean overdrawn;
        final Map<Long, Entry> entries = new HashMap<>();

        WalletModel(String owner, String currency, long version) {
            this.owner = owner;
            this.currency = currency;
            this.version = version;
        }

        void entry(long sequence, String entryId, EntryType type, Long amount) {
            entries.put(sequence, new Entry(entryId, type, amount, balance, held));
        }

        void status(long sequence, String entryId, EntryType type, WalletStatus next) {
            status = next;
            entry(sequence, entryId, type, null);
        }
    }

    private record Entry(String entryId, EntryType type, Long amount, long balanceAfter, long heldAfter) {
    }

    private static final class HoldModel {
        final String walletId;
        final String currency;
        final long amount;
        HoldStatus status = HoldStatus.ACTIVE;
        long captured;
        long version;

        HoldModel(String walletId, String currency, long amount, long version) {
            this.walletId = walletId;
            this.currency = currency;
            this.amount = amount;
            this.version = version;
        }
    }

    private static final class EscrowModel {
        final String buyerWalletId;
        final String sellerWalletId;
        final String currency;
        final long amount;
        EscrowState state = EscrowState.CREATED;
        String holdId;
        long version;

        EscrowModel(String buyerWalletId, String sellerWalletId, String currency, long amount, long version) {
            this.buyerWalletId = buyerWalletId;
            this.sellerWalletId = sellerWalletId;
            this.currency = currency;
            this.amount = amount;
            this.version = version;
        }
    }

    private static final class TransferModel {
        final String from;
        final String to;
        final String currency;
        final long amount;
        TransferStatus status = TransferStatus.PENDING;
        String failureCode;

        TransferModel(String from, String to, String currency, long amount) {
            this.from = from;
            this.to = to;
            this.currency = currency;
            this.amount = amount;
        }
    }

    /** Per currency, what the events moved in and out of the ledger, in minor units. */
    private static final class Flows {
        long deposits;
        long withdrawals;
        long captures;
        long escrowPayments;
        long inFlight;
    }

    @FunctionalInterface
    private interface RowCheck<M> {
        void compare(String id, M model, ResultSet row) throws SQLException;
    }
}
