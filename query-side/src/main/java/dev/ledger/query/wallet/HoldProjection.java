package dev.ledger.query.wallet;

import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldVoided;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import dev.ledger.query.table.ReadModelTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The holds read model ({@code wallet_hold}). A hold ends once: its ending is applied only while it is still
 * ACTIVE, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(HoldProjection.PROCESSING_GROUP)
public class HoldProjection {

    public static final String PROCESSING_GROUP = "holds";

    private final JdbcTemplate jdbc;
    private final String walletHold;
    private final String holdMetadata;

    /** The live read model. */
    @Autowired
    public HoldProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public HoldProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.walletHold = tables.of("wallet_hold");
        this.holdMetadata = tables.of("hold_metadata");
    }

    @EventHandler
    void on(HoldPlaced event, @SequenceNumber long sequence) {
        jdbc.update("""
                insert into %s (hold_id, wallet_id, currency, amount, captured_amount, status, reference,
                                         expires_at, created_at, placed_sequence, version)
                values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) on conflict do nothing""".formatted(walletHold),
                event.holdId(), event.walletId(), event.amount().currency(), event.amount().minorUnits(),
                HoldStatus.ACTIVE.name(), event.reference(), Timestamp.from(event.expiresAt()),
                Timestamp.from(event.occurredAt()), sequence, sequence + 1);
        event.metadata().forEach((key, value) -> jdbc.update("""
                insert into %s (hold_id, meta_key, meta_value) values (?, ?, ?)
                on conflict do nothing""".formatted(holdMetadata), event.holdId(), key, value));
    }

    @EventHandler
    void on(HoldCaptured event, @SequenceNumber long sequence) {
        end(event.holdId(), HoldStatus.CAPTURED, event.captured().minorUnits(), sequence);
    }

    @EventHandler
    void on(HoldVoided event, @SequenceNumber long sequence) {
        end(event.holdId(), HoldStatus.VOIDED, 0, sequence);
    }

    @EventHandler
    void on(HoldExpired event, @SequenceNumber long sequence) {
        end(event.holdId(), HoldStatus.EXPIRED, 0, sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + holdMetadata);
        jdbc.update("delete from " + walletHold);
    }

    private void end(String holdId, HoldStatus status, long captured, long sequence) {
        jdbc.update("""
                update %s set status = ?, captured_amount = ?, version = ?
                where hold_id = ? and status = 'ACTIVE'""".formatted(walletHold), status.name(), captured, sequence + 1, holdId);
    }
}
