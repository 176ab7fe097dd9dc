package dev.ledger.query.transaction;

import dev.ledger.events.money.Money;
import dev.ledger.events.transaction.FindTransactionQuery;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.ListTransactionsQuery;
import dev.ledger.events.transaction.TransactionLeg;
import dev.ledger.events.transaction.TransactionPage;
import dev.ledger.events.transaction.TransactionRecord;
import dev.ledger.events.transaction.TransactionStatus;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers transaction queries from {@code transaction_view} and its legs and metadata. */
@Component
public class TransactionQueries {

    private static final String COLUMNS =
            "t.transaction_id, t.currency, t.reference, t.status, t.reversal_of, t.created_at, t.version";

    private final JdbcTemplate jdbc;

    public TransactionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<TransactionRecord> find(FindTransactionQuery query) {
        List<Row> rows = jdbc.query("select " + COLUMNS + " from transaction_view t where t.transaction_id = ?",
                TransactionQueries::row, query.transactionId());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Details details = details(List.of(query.transactionId()));
        return Optional.of(new TransactionRecord(rows.get(0).view(details),
                details.owners.getOrDefault(query.transactionId(), Set.of())));
    }

    /**
     * Newest first. Each filter is an {@code exists} on an index of its own ({@code transaction_leg} by wallet or
     * owner, {@code transaction_metadata} by key and value), so a filtered page reads only matching rows.
     */
    @QueryHandler
    public TransactionPage list(ListTransactionsQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from transaction_view t where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.ownerId() != null) {
            sql.append(" and exists (select 1 from transaction_leg l"
                    + " where l.transaction_id = t.transaction_id and l.owner_id = ?)");
            args.add(query.ownerId());
        }
        if (query.walletId() != null) {
            sql.append(" and exists (select 1 from transaction_leg l"
                    + " where l.transaction_id = t.transaction_id and l.wallet_id = ?)");
            args.add(query.walletId());
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(query.metadata()).entrySet()) {
            sql.append(" and exists (select 1 from transaction_metadata m"
                    + " where m.transaction_id = t.transaction_id and m.meta_key = ? and m.meta_value = ?)");
            args.add(entry.getKey());
            args.add(entry.getValue());
        }
        if (query.cursor() != null) {
            List<String> after = Keyset.decode(query.cursor(), 2);
            Timestamp createdAt = Keyset.timestamp(after.get(0));
            sql.append(" and (t.created_at < ? or (t.created_at = ? and t.transaction_id < ?))");
            args.add(createdAt);
            args.add(createdAt);
            args.add(after.get(1));
        }
        sql.append(" order by t.created_at desc, t.transaction_id desc limit ?");
        args.add(query.limit() + 1);
        List<Row> rows = jdbc.query(sql.toString(), TransactionQueries::row, args.toArray());
        List<Row> page = rows.size() > query.limit() ? rows.subList(0, query.limit()) : rows;
        Details details = details(page.stream().map(Row::transactionId).toList());
        List<TransactionView> items = page.stream().map(row -> row.view(details)).toList();
        if (rows.size() <= query.limit()) {
            return new TransactionPage(items, null);
        }
        TransactionView last = items.get(items.size() - 1);
        return new TransactionPage(items, Keyset.encode(last.createdAt(), last.transactionId()));
    }

    private Details details(List<String> transactionIds) {
        Details details = new Details();
        if (transactionIds.isEmpty()) {
            return details;
        }
        String in = String.join(", ", Collections.nCopies(transactionIds.size(), "?"));
        jdbc.query("select transaction_id, wallet_id, owner_id, direction, amount from transaction_leg"
                + " where transaction_id in (" + in + ") order by transaction_id, leg_index", row -> {
            String id = row.getString("transaction_id");
            details.legs.computeIfAbsent(id, key -> new ArrayList<>()).add(new Leg(row.getString("wallet_id"),
                    LegDirection.valueOf(row.getString("direction")), row.getLong("amount")));
            details.owners.computeIfAbsent(id, key -> new HashSet<>()).add(row.getString("owner_id"));
        }, transactionIds.toArray());
        jdbc.query("select transaction_id, meta_key, meta_value from transaction_metadata"
                + " where transaction_id in (" + in + ")", row -> {
            details.metadata.computeIfAbsent(row.getString("transaction_id"), key -> new TreeMap<>())
                    .put(row.getString("meta_key"), row.getString("meta_value"));
        }, transactionIds.toArray());
        return details;
    }

    private static Row row(ResultSet row, int rowNumber) throws SQLException {
        return new Row(row.getString("transaction_id"), row.getString("currency"), row.getString("reference"),
                TransactionStatus.valueOf(row.getString("status")), row.getString("reversal_of"),
                row.getTimestamp("created_at").toInstant(), row.getLong("version"));
    }

    private record Row(String transactionId, String currency, String reference, TransactionStatus status,
                       String reversalOf, Instant createdAt, long version) {

        TransactionView view(Details details) {
            List<TransactionLeg> legs = details.legs.getOrDefault(transactionId, List.of()).stream()
                    .map(leg -> new TransactionLeg(leg.walletId(), leg.direction(),
                            Money.of(leg.amount(), currency)))
                    .toList();
            return new TransactionView(transactionId, currency, legs, reference,
                    details.metadata.getOrDefault(transactionId, Map.of()), status, reversalOf, createdAt, version);
        }
    }

    private record Leg(String walletId, LegDirection direction, long amount) {
    }

    private static final class Details {
        final Map<String, List<Leg>> legs = new HashMap<>();
        final Map<String, Set<String>> owners = new HashMap<>();
        final Map<String, Map<String, String>> metadata = new HashMap<>();
    }
}
