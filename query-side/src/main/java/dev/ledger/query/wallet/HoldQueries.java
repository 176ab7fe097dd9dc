package dev.ledger.query.wallet;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.HoldPage;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.ListHoldsQuery;
import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers hold queries from {@code wallet_hold}, newest first. */
@Component
public class HoldQueries {

    private final JdbcTemplate jdbc;

    public HoldQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public HoldPage holds(ListHoldsQuery query) {
        StringBuilder sql = new StringBuilder("""
                select hold_id, wallet_id, currency, amount, captured_amount, status, reference, expires_at,
                       created_at, placed_sequence, version
                from wallet_hold where wallet_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(query.walletId());
        if (query.status() != null) {
            sql.append(" and status = ?");
            args.add(query.status().name());
        }
        // each metadata filter reads the (key, value) index of hold_metadata (docs/adr/016)
        for (Map.Entry<String, String> entry : new TreeMap<>(query.metadata()).entrySet()) {
            sql.append(" and exists (select 1 from hold_metadata m"
                    + " where m.hold_id = wallet_hold.hold_id and m.meta_key = ? and m.meta_value = ?)");
            args.add(entry.getKey());
            args.add(entry.getValue());
        }
        if (query.cursor() != null) {
            sql.append(" and placed_sequence < ?");
            args.add(Keyset.decodeLong(query.cursor()));
        }
        sql.append(" order by placed_sequence desc limit ?");
        args.add(query.limit() + 1);
        List<Row> rows = jdbc.query(sql.toString(), HoldQueries::row, args.toArray());
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            next = Keyset.encode(rows.get(rows.size() - 1).placedSequence());
        }
        return new HoldPage(withMetadata(rows.stream().map(Row::view).toList()), next);
    }

    /** The holds with their metadata, read for all of them at once. */
    private List<HoldView> withMetadata(List<HoldView> holds) {
        if (holds.isEmpty()) {
            return holds;
        }
        Map<String, Map<String, String>> metadata = new HashMap<>();
        jdbc.query("select hold_id, meta_key, meta_value from hold_metadata where hold_id in ("
                + String.join(", ", Collections.nCopies(holds.size(), "?")) + ")", row -> {
            metadata.computeIfAbsent(row.getString("hold_id"), id -> new TreeMap<>())
                    .put(row.getString("meta_key"), row.getString("meta_value"));
        }, holds.stream().map(HoldView::holdId).toArray());
        return holds.stream().map(h -> new HoldView(h.holdId(), h.walletId(), h.amount(), h.capturedAmount(),
                h.status(), h.reference(), h.expiresAt(), h.createdAt(), h.version(),
                metadata.getOrDefault(h.holdId(), Map.of()))).toList();
    }

    private record Row(HoldView view, long placedSequence) {
    }

    private static Row row(ResultSet row, int rowNumber) throws SQLException {
        String currency = row.getString("currency");
        HoldView view = new HoldView(row.getString("hold_id"), row.getString("wallet_id"),
                Money.of(row.getLong("amount"), currency), Money.of(row.getLong("captured_amount"), currency),
                HoldStatus.valueOf(row.getString("status")), row.getString("reference"),
                row.getTimestamp("expires_at").toInstant(), row.getTimestamp("created_at").toInstant(),
                row.getLong("version"));
        return new Row(view, row.getLong("placed_sequence"));
    }
}
