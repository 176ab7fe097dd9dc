package dev.ledger.query.wallet;

import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transfer.TransferSent;
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
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import dev.ledger.query.table.ReadModelTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The wallet read model ({@code wallet_view}). Each row remembers its version, the number of the wallet's
 * events it has applied, and an event is applied only on top of exactly the version before it: a
 * redelivered event changes nothing.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class WalletProjection {

    public static final String PROCESSING_GROUP = "wallets";

    private final JdbcTemplate jdbc;
    private final String walletView;
    private final String walletMetadata;

    /** The live read model. */
    @Autowired
    public WalletProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public WalletProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.walletView = tables.of("wallet_view");
        this.walletMetadata = tables.of("wallet_metadata");
    }

    @EventHandler
    void on(WalletOpened event, @SequenceNumber long sequence) {
        jdbc.update("""
                insert into %s (wallet_id, owner_id, currency, label, status, balance, held, version,
                                         created_at, updated_at)
                values (?, ?, ?, ?, ?, 0, 0, ?, ?, ?) on conflict do nothing""".formatted(walletView),
                event.walletId(), event.ownerId(), event.currency(), event.label(), WalletStatus.ACTIVE.name(),
                sequence + 1, at(event.occurredAt()), at(event.occurredAt()));
        event.metadata().forEach((key, value) -> jdbc.update("""
                insert into %s (wallet_id, meta_key, meta_value) values (?, ?, ?)
                on conflict do nothing""".formatted(walletMetadata), event.walletId(), key, value));
    }

    @EventHandler
    void on(MoneyDeposited event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(MoneyWithdrawn event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, -event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(HoldPlaced event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, 0, event.amount().minorUnits(), event.occurredAt());
    }

    @EventHandler
    void on(HoldCaptured event, @SequenceNumber long sequence) {
        long holdAmount = event.captured().minorUnits() + event.released().minorUnits();
        move(event.walletId(), sequence, -event.captured().minorUnits(), -holdAmount, event.occurredAt());
    }

    @EventHandler
    void on(HoldVoided event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, 0, -event.amount().minorUnits(), event.occurredAt());
    }

    @EventHandler
    void on(HoldExpired event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, 0, -event.amount().minorUnits(), event.occurredAt());
    }

    @EventHandler
    void on(TransferSent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, -event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(TransferReceived event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(TransactionDebited event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, -event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(TransactionCredited event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(EscrowPaymentReceived event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(TransferReturned event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.amount().minorUnits(), 0, event.occurredAt());
    }

    @EventHandler
    void on(WalletFrozen event, @SequenceNumber long sequence) {
        status(event.walletId(), sequence, WalletStatus.FROZEN, event.occurredAt());
    }

    @EventHandler
    void on(WalletUnfrozen event, @SequenceNumber long sequence) {
        status(event.walletId(), sequence, WalletStatus.ACTIVE, event.occurredAt());
    }

    @EventHandler
    void on(WalletClosed event, @SequenceNumber long sequence) {
        status(event.walletId(), sequence, WalletStatus.CLOSED, event.occurredAt());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + walletMetadata);
        jdbc.update("delete from " + walletView);
    }

    private void move(String walletId, long sequence, long balanceDelta, long heldDelta, Instant at) {
        jdbc.update("""
                update %s set balance = balance + ?, held = held + ?, version = ?, updated_at = ?
                where wallet_id = ? and version = ?""".formatted(walletView),
                balanceDelta, heldDelta, sequence + 1, at(at), walletId, sequence);
    }

    private void status(String walletId, long sequence, WalletStatus status, Instant at) {
        jdbc.update("""
                update %s set status = ?, version = ?, updated_at = ?
                where wallet_id = ? and version = ?""".formatted(walletView),
                status.name(), sequence + 1, at(at), walletId, sequence);
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
