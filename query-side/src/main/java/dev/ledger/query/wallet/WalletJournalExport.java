package dev.ledger.query.wallet;

import dev.ledger.events.wallet.EntryView;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A wallet's whole journal, or a time range of it, handed out entry by entry for an export of any length. The rows
 * are read through a cursor in a read-only transaction, {@value #FETCH_SIZE} at a time (PostgreSQL's driver fetches
 * everything at once unless a fetch size is set outside auto-commit), so memory stays constant however many there
 * are.
 */
@Component
public class WalletJournalExport {

    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public WalletJournalExport(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Hands the sink every entry of the wallet from {@code from} (included) to {@code to} (excluded), newest first, as
     * the journal lists them; nulls are open ends. An exception the sink throws ends the export.
     */
    public void export(String walletId, Instant from, Instant to, Consumer<EntryView> sink) {
        StringBuilder sql = new StringBuilder("""
                select wallet_id, sequence, entry_id, type, currency, amount, balance_after, held_after, reference,
                       counterparty, idempotency_key, occurred_at
                from wallet_entry where wallet_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(walletId);
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and occurred_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" order by sequence desc");
        RowCallbackHandler each = row -> sink.accept(WalletJournalQueries.entry(row, row.getRow()));
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, each));
    }
}
