package dev.ledger.query.rebuild;

import dev.ledger.query.escrow.EscrowProjection;
import dev.ledger.query.table.ReadModelTables;
import dev.ledger.query.transaction.TransactionProjection;
import dev.ledger.query.transfer.TransferProjection;
import dev.ledger.query.wallet.HoldProjection;
import dev.ledger.query.wallet.WalletJournalProjection;
import dev.ledger.query.wallet.WalletProjection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models a replay can rebuild: each one's event processor, the tables it owns (in the order its handlers
 * first touch them, which is the order a swap locks them in) and its projection. The transfer process is not here:
 * it sends commands, and replaying it would send them again.
 */
public enum RebuildableReadModel {
    WALLETS(WalletProjection.PROCESSING_GROUP, List.of("wallet_view", "wallet_metadata"), WalletProjection::new),
    WALLET_ENTRIES(WalletJournalProjection.PROCESSING_GROUP, List.of("wallet_journal_head", "wallet_entry"),
            WalletJournalProjection::new),
    HOLDS(HoldProjection.PROCESSING_GROUP, List.of("wallet_hold", "hold_metadata"), HoldProjection::new),
    TRANSFERS(TransferProjection.PROCESSING_GROUP, List.of("transfer_view", "transfer_metadata"),
            TransferProjection::new),
    ESCROWS(EscrowProjection.PROCESSING_GROUP, List.of("escrow_view", "escrow_metadata"), EscrowProjection::new),
    TRANSACTIONS(TransactionProjection.PROCESSING_GROUP,
            List.of("transaction_view", "transaction_leg", "transaction_metadata"), TransactionProjection::new);

    private final String processor;
    private final List<String> tables;
    private final BiFunction<JdbcTemplate, ReadModelTables, Object> projection;

    RebuildableReadModel(String processor, List<String> tables,
                         BiFunction<JdbcTemplate, ReadModelTables, Object> projection) {
        this.processor = processor;
        this.tables = tables;
        this.projection = projection;
    }

    public static Optional<RebuildableReadModel> byProcessor(String name) {
        return Arrays.stream(values()).filter(model -> model.processor.equals(name)).findFirst();
    }

    /** The name of its event processor, which is also the name replays and statuses go by. */
    public String processor() {
        return processor;
    }

    /** The live tables; each has a twin {@link ReadModelTables#REBUILD}. */
    public List<String> tables() {
        return tables;
    }

    /** A projection instance writing into {@code tables}. */
    Object projection(JdbcTemplate jdbc, ReadModelTables tables) {
        return projection.apply(jdbc, tables);
    }
}
