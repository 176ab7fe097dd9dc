package dev.ledger.query.escrow;

import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
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
 * The escrow read model ({@code escrow_view}). Like the wallets, each row applies an event only on top of the
 * version right before it, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(EscrowProjection.PROCESSING_GROUP)
public class EscrowProjection {

    public static final String PROCESSING_GROUP = "escrows";

    private final JdbcTemplate jdbc;
    private final String escrowView;
    private final String escrowMetadata;

    /** The live read model. */
    @Autowired
    public EscrowProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public EscrowProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.escrowView = tables.of("escrow_view");
        this.escrowMetadata = tables.of("escrow_metadata");
    }

    @EventHandler
    void on(EscrowCreated event, @SequenceNumber long sequence) {
        jdbc.update("""
                insert into %s (escrow_id, buyer_id, seller_id, buyer_wallet_id, seller_wallet_id, currency,
                                         amount, description, state, expires_in_seconds, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""".formatted(escrowView),
                event.escrowId(), event.buyerId(), event.sellerId(), event.buyerWalletId(), event.sellerWalletId(),
                event.amount().currency(), event.amount().minorUnits(), event.description(),
                EscrowState.CREATED.name(), event.expiresInSeconds(), at(event.occurredAt()), sequence + 1);
        event.metadata().forEach((key, value) -> jdbc.update("""
                insert into %s (escrow_id, meta_key, meta_value) values (?, ?, ?)
                on conflict do nothing""".formatted(escrowMetadata), event.escrowId(), key, value));
    }

    @EventHandler
    void on(EscrowFunded event, @SequenceNumber long sequence) {
        jdbc.update("""
                update %s set state = ?, funded_at = ?, expires_at = ?, version = ?
                where escrow_id = ? and version = ?""".formatted(escrowView), EscrowState.FUNDED.name(), at(event.occurredAt()),
                at(event.expiresAt()), sequence + 1, event.escrowId(), sequence);
    }

    @EventHandler
    void on(EscrowReleased event, @SequenceNumber long sequence) {
        end(event.escrowId(), EscrowState.RELEASED, "released_at", event.occurredAt(), sequence);
    }

    @EventHandler
    void on(EscrowRefunded event, @SequenceNumber long sequence) {
        end(event.escrowId(), EscrowState.REFUNDED, "refunded_at", event.occurredAt(), sequence);
    }

    @EventHandler
    void on(EscrowExpired event, @SequenceNumber long sequence) {
        end(event.escrowId(), EscrowState.EXPIRED, "expired_at", event.occurredAt(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + escrowMetadata);
        jdbc.update("delete from " + escrowView);
    }

    private void end(String escrowId, EscrowState state, String column, Instant at, long sequence) {
        jdbc.update("update " + escrowView + " set state = ?, " + column + " = ?, version = ? where escrow_id = ? and version = ?",
                state.name(), at(at), sequence + 1, escrowId, sequence);
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
