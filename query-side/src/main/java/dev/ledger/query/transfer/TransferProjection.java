package dev.ledger.query.transfer;

import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferStatus;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import dev.ledger.query.table.ReadModelTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transfers read model ({@code transfer_view}), fed by both wallets of each transfer. Its processor runs one
 * segment, so it sees a transfer's events in commit order; still every event upserts, and a transfer settles once:
 * only a PENDING row changes status.
 */
@Component
@ProcessingGroup(TransferProjection.PROCESSING_GROUP)
public class TransferProjection {

    public static final String PROCESSING_GROUP = "transfers";

    private final JdbcTemplate jdbc;
    private final String transferView;
    private final String transferMetadata;

    /** The live read model. */
    @Autowired
    public TransferProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public TransferProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.transferView = tables.of("transfer_view");
        this.transferMetadata = tables.of("transfer_metadata");
    }

    @EventHandler
    void on(TransferSent event) {
        ensure(event.transferId(), event.walletId(), event.toWalletId(), event.amount().currency(),
                event.amount().minorUnits(), event.occurredAt());
        // the source's event is the one that knows the reference and the reversed transfer
        jdbc.update("update %s set reference = ?, reversal_of = ? where transfer_id = ?".formatted(transferView),
                event.reference(), event.reversalOf(), event.transferId());
        event.metadata().forEach((key, value) -> jdbc.update("""
                insert into %s (transfer_id, meta_key, meta_value) values (?, ?, ?)
                on conflict do nothing""".formatted(transferMetadata), event.transferId(), key, value));
    }

    /** Only ever grows: an older reversal redelivered after a newer one changes nothing. */
    @EventHandler
    void on(TransferReversed event) {
        jdbc.update("update %s set reversed_amount = ? where transfer_id = ? and reversed_amount < ?"
                        .formatted(transferView), event.reversedTotal().minorUnits(), event.transferId(),
                event.reversedTotal().minorUnits());
    }

    @EventHandler
    void on(TransferReceived event) {
        ensure(event.transferId(), event.fromWalletId(), event.walletId(), event.amount().currency(),
                event.amount().minorUnits(), event.occurredAt());
        settle(event.transferId(), TransferStatus.COMPLETED, null, event.occurredAt());
    }

    @EventHandler
    void on(TransferReturned event) {
        ensure(event.transferId(), event.walletId(), event.toWalletId(), event.amount().currency(),
                event.amount().minorUnits(), event.occurredAt());
        settle(event.transferId(), TransferStatus.FAILED, event.failureCode(), event.occurredAt());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + transferMetadata);
        jdbc.update("delete from " + transferView);
    }

    private void ensure(String transferId, String from, String to, String currency, long amount, Instant at) {
        jdbc.update("""
                insert into %s (transfer_id, from_wallet_id, to_wallet_id, currency, amount, status,
                                           created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""".formatted(transferView),
                transferId, from, to, currency, amount, TransferStatus.PENDING.name(), Timestamp.from(at));
    }

    private void settle(String transferId, TransferStatus status, String failureCode, Instant at) {
        jdbc.update("""
                update %s set status = ?, failure_code = ?, completed_at = ?
                where transfer_id = ? and status = 'PENDING'""".formatted(transferView),
                status.name(), failureCode, Timestamp.from(at), transferId);
    }
}
