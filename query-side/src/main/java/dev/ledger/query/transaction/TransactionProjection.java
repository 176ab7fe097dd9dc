package dev.ledger.query.transaction;

import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transaction.TransactionStatus;
import dev.ledger.query.table.ReadModelTables;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transactions read model: {@code transaction_view}, with each transaction's legs ({@code transaction_leg}) and
 * metadata entries ({@code transaction_metadata}) in tables of their own, so that lists filter on them by index. A
 * transaction's legs and metadata never change after it is posted; a redelivered event inserts nothing twice, and
 * a reversal applies only on top of the version right before it.
 */
@Component
@ProcessingGroup(TransactionProjection.PROCESSING_GROUP)
public class TransactionProjection {

    public static final String PROCESSING_GROUP = "transactions";

    private final JdbcTemplate jdbc;
    private final String transactionView;
    private final String transactionLeg;
    private final String transactionMetadata;

    /** The live read model. */
    @Autowired
    public TransactionProjection(JdbcTemplate jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** The projection writing into {@code tables}: the live read model or the twin a replay rebuilds. */
    public TransactionProjection(JdbcTemplate jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.transactionView = tables.of("transaction_view");
        this.transactionLeg = tables.of("transaction_leg");
        this.transactionMetadata = tables.of("transaction_metadata");
    }

    @EventHandler
    void on(TransactionPosted event, @SequenceNumber long sequence) {
        int inserted = jdbc.update("""
                insert into %s (transaction_id, currency, reference, status, reversal_of, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""".formatted(transactionView),
                event.transactionId(), event.currency(), event.reference(), TransactionStatus.POSTED.name(),
                event.reversalOf(), Timestamp.from(event.occurredAt()), sequence + 1);
        if (inserted == 0) {
            return;
        }
        List<PostedLeg> legs = event.legs();
        for (int index = 0; index < legs.size(); index++) {
            PostedLeg leg = legs.get(index);
            jdbc.update("""
                    insert into %s (transaction_id, leg_index, wallet_id, owner_id, direction, amount)
                    values (?, ?, ?, ?, ?, ?)""".formatted(transactionLeg), event.transactionId(), index,
                    leg.walletId(), leg.ownerId(), leg.direction().name(), leg.amount().minorUnits());
        }
        for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
            jdbc.update("insert into %s (transaction_id, meta_key, meta_value) values (?, ?, ?)"
                    .formatted(transactionMetadata), event.transactionId(), entry.getKey(), entry.getValue());
        }
    }

    @EventHandler
    void on(TransactionReversed event, @SequenceNumber long sequence) {
        jdbc.update("update %s set status = ?, version = ? where transaction_id = ? and version = ?"
                        .formatted(transactionView), TransactionStatus.REVERSED.name(), sequence + 1,
                event.transactionId(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + transactionMetadata);
        jdbc.update("delete from " + transactionLeg);
        jdbc.update("delete from " + transactionView);
    }
}
