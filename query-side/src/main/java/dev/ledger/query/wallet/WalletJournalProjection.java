package dev.ledger.query.wallet;

import dev.ledger.events.idempotency.CommandMetadata;
import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletUnfrozen;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import dev.ledger.query.table.BufferedWrites;
import dev.ledger.query.table.ReadModelTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal ({@code wallet_entry}): one row for every event on a wallet after it was opened, with the
 * balance, held and available amounts right after it. The projection keeps its running totals per wallet in
 * {@code wallet_journal_head} and applies an event only on top of the one before it; anything else is a
 * redelivery and is skipped.
 */
@Component
@ProcessingGroup(WalletJournalProjection.PROCESSING_GROUP)
public class WalletJournalProjection implements BufferedWrites {

    public static final String PROCESSING_GROUP = "wallet-entries";

    private final JdbcTemplate jdbc;
    private final String journalHead;
    private final String walletEntry;
    private final JournalHeads heads;

    /** The live read model. */
    @Autowired
    public WalletJournalProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public WalletJournalProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.journalHead = tables.of("wallet_journal_head");
        this.walletEntry = tables.of("wallet_entry");
        this.heads = tables == ReadModelTables.LIVE ? new JournalHeads.InTable(jdbc, journalHead)
                : new JournalHeads.InMemory(jdbc, journalHead);
    }

    @EventHandler
    void on(WalletOpened event, @SequenceNumber long sequence) {
        heads.open(event.walletId(), event.currency(), sequence);
    }

    @EventHandler
    void on(MoneyDeposited event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.DEPOSITED, event.amount(),
                event.amount().minorUnits(), 0, event.reference(), null, idempotencyKey, event.occurredAt()));
    }

    @EventHandler
    void on(MoneyWithdrawn event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.WITHDRAWN, event.amount(),
                -event.amount().minorUnits(), 0, event.reference(), null, idempotencyKey, event.occurredAt()));
    }

    @EventHandler
    void on(HoldPlaced event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.HOLD_PLACED, event.amount(), 0,
                event.amount().minorUnits(), event.reference(), null, idempotencyKey, event.occurredAt()));
    }

    /** One entry for the capture and the release of the rest: {@code amount} is what was captured. */
    @EventHandler
    void on(HoldCaptured event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        long holdAmount = event.captured().minorUnits() + event.released().minorUnits();
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.HOLD_CAPTURED, event.captured(),
                -event.captured().minorUnits(), -holdAmount, null, null, idempotencyKey, event.occurredAt()));
    }

    @EventHandler
    void on(HoldVoided event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.HOLD_VOIDED, event.amount(), 0,
                -event.amount().minorUnits(), null, null, idempotencyKey, event.occurredAt()));
    }

    @EventHandler
    void on(HoldExpired event, @SequenceNumber long sequence) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.HOLD_EXPIRED, event.amount(), 0,
                -event.amount().minorUnits(), null, null, null, event.occurredAt()));
    }

    @EventHandler
    void on(TransferSent event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.TRANSFER_SENT, event.amount(),
                -event.amount().minorUnits(), 0, event.reference(), event.toWalletId(), idempotencyKey,
                event.occurredAt()));
    }

    @EventHandler
    void on(TransferReceived event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.TRANSFER_RECEIVED, event.amount(),
                event.amount().minorUnits(), 0, event.reference(), event.fromWalletId(), idempotencyKey,
                event.occurredAt()));
    }

    /** A transaction's leg: its counterparty is the transaction, which names every other wallet (API.md §9). */
    @EventHandler
    void on(TransactionDebited event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.TRANSACTION_DEBITED, event.amount(),
                -event.amount().minorUnits(), 0, event.reference(), event.transactionId(), idempotencyKey,
                event.occurredAt()));
    }

    @EventHandler
    void on(TransactionCredited event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.TRANSACTION_CREDITED, event.amount(),
                event.amount().minorUnits(), 0, event.reference(), event.transactionId(), idempotencyKey,
                event.occurredAt()));
    }

    @EventHandler
    void on(EscrowPaymentReceived event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.ESCROW_RECEIVED, event.amount(),
                event.amount().minorUnits(), 0, "escrow " + event.escrowId(), event.fromWalletId(), idempotencyKey,
                event.occurredAt()));
    }

    /** A transfer the destination refused comes back as money received from that destination. */
    @EventHandler
    void on(TransferReturned event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(new Line(event.walletId(), sequence, event.entryId(), EntryType.TRANSFER_RECEIVED, event.amount(),
                event.amount().minorUnits(), 0, "returned: " + event.failureCode(), event.toWalletId(),
                idempotencyKey, event.occurredAt()));
    }

    @EventHandler
    void on(WalletFrozen event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(Line.statusChange(event.walletId(), sequence, event.entryId(), EntryType.FROZEN, idempotencyKey,
                event.occurredAt()));
    }

    @EventHandler
    void on(WalletUnfrozen event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(Line.statusChange(event.walletId(), sequence, event.entryId(), EntryType.UNFROZEN, idempotencyKey,
                event.occurredAt()));
    }

    @EventHandler
    void on(WalletClosed event, @SequenceNumber long sequence,
            @MetaDataValue(CommandMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        record(Line.statusChange(event.walletId(), sequence, event.entryId(), EntryType.CLOSED, idempotencyKey,
                event.occurredAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + walletEntry);
        jdbc.update("delete from " + journalHead);
    }

    @Override
    public void flush() {
        heads.flush();
    }

    private void record(Line line) {
        // only the very next event applies: an older one is a redelivery, a later one would miss its predecessor
        JournalHeads.Head head = heads.find(line.walletId()).orElse(null);
        if (head == null || head.lastSequence() != line.sequence() - 1) {
            return;
        }
        long balance = head.balance() + line.balanceDelta();
        long held = head.held() + line.heldDelta();
        // two instances may briefly handle the same segment while it changes hands: the entry's key decides
        int inserted = jdbc.update("""
                insert into %s (wallet_id, sequence, entry_id, type, currency, amount, balance_after,
                                held_after, reference, counterparty, idempotency_key, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""".formatted(walletEntry),
                line.walletId(), line.sequence(), line.entryId(), line.type().name(), head.currency(),
                line.amount() == null ? null : line.amount().minorUnits(), balance, held, line.reference(),
                line.counterparty(), line.idempotencyKey(), Timestamp.from(line.occurredAt()));
        if (inserted == 1) {
            heads.advance(line.walletId(), line.sequence(), balance, held);
        }
    }

    private record Line(String walletId, long sequence, String entryId, EntryType type, Money amount,
                        long balanceDelta, long heldDelta, String reference, String counterparty,
                        String idempotencyKey, Instant occurredAt) {

        static Line statusChange(String walletId, long sequence, String entryId, EntryType type,
                                 String idempotencyKey, Instant occurredAt) {
            return new Line(walletId, sequence, entryId, type, null, 0, 0, null, null, idempotencyKey, occurredAt);
        }
    }
}
