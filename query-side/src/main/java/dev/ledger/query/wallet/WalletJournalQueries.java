package dev.ledger.query.wallet;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.EntryPage;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EntryView;
import dev.ledger.events.wallet.ListEntriesQuery;
import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers journal queries from {@code wallet_entry}, newest first. */
@Component
public class WalletJournalQueries {

    private final JdbcTemplate jdbc;

    public WalletJournalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public EntryPage entries(ListEntriesQuery query) {
        StringBuilder sql = new StringBuilder("""
                select wallet_id, sequence, entry_id, type, currency, amount, balance_after, held_after, reference,
                       counterparty, idempotency_key, occurred_at
                from wallet_entry where wallet_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(query.walletId());
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            args.add(Timestamp.from(query.to()));
        }
        if (query.type() != null) {
            sql.append(" and type = ?");
            args.add(query.type().name());
        }
        if (query.cursor() != null) {
            sql.append(" and sequence < ?");
            args.add(Keyset.decodeLong(query.cursor()));
        }
        sql.append(" order by sequence desc limit ?");
        args.add(query.limit() + 1);
        List<EntryView> rows = jdbc.query(sql.toString(), WalletJournalQueries::entry, args.toArray());
        if (rows.size() <= query.limit()) {
            return new EntryPage(rows, null);
        }
        List<EntryView> page = List.copyOf(rows.subList(0, query.limit()));
        return new EntryPage(page, Keyset.encode(page.get(page.size() - 1).sequence()));
    }

    static EntryView entry(ResultSet row, int rowNumber) throws SQLException {
        String currency = row.getString("currency");
        long amount = row.getLong("amount");
        Money amountOrNull = row.wasNull() ? null : Money.of(amount, currency);
        Money balance = Money.of(row.getLong("balance_after"), currency);
        Money held = Money.of(row.getLong("held_after"), currency);
        return new EntryView(row.getString("entry_id"), row.getLong("sequence"),
                EntryType.valueOf(row.getString("type")), amountOrNull, balance, held, balance.minus(held),
                row.getString("reference"), row.getString("counterparty"), row.getString("idempotency_key"),
                row.getTimestamp("occurred_at").toInstant());
    }
}
