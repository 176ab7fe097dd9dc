package dev.ledger.query.escrow;

import dev.ledger.events.escrow.EscrowPage;
import dev.ledger.events.escrow.EscrowRole;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FindEscrowQuery;
import dev.ledger.events.escrow.ListEscrowsQuery;
import dev.ledger.events.money.Money;
import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers escrow queries from {@code escrow_view}. */
@Component
public class EscrowQueries {

    private static final String COLUMNS = """
            escrow_id, buyer_id, seller_id, buyer_wallet_id, seller_wallet_id, currency, amount, description, state,
            expires_in_seconds, created_at, funded_at, expires_at, released_at, refunded_at, expired_at, version""";

    private final JdbcTemplate jdbc;

    public EscrowQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<EscrowView> find(FindEscrowQuery query) {
        return withMetadata(jdbc.query("select " + COLUMNS + " from escrow_view where escrow_id = ?",
                EscrowQueries::escrow, query.escrowId())).stream().findFirst();
    }

    @QueryHandler
    public EscrowPage list(ListEscrowsQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from escrow_view where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.participant() != null) {
            if (query.role() == EscrowRole.BUYER) {
                sql.append(" and buyer_id = ?");
                args.add(query.participant());
            } else if (query.role() == EscrowRole.SELLER) {
                sql.append(" and seller_id = ?");
                args.add(query.participant());
            } else {
                sql.append(" and (buyer_id = ? or seller_id = ?)");
                args.add(query.participant());
                args.add(query.participant());
            }
        }
        if (query.state() != null) {
            sql.append(" and state = ?");
            args.add(query.state().name());
        }
        // each metadata filter reads the (key, value) index of escrow_metadata (docs/adr/016)
        for (Map.Entry<String, String> entry : new TreeMap<>(query.metadata()).entrySet()) {
            sql.append(" and exists (select 1 from escrow_metadata m"
                    + " where m.escrow_id = escrow_view.escrow_id and m.meta_key = ? and m.meta_value = ?)");
            args.add(entry.getKey());
            args.add(entry.getValue());
        }
        if (query.cursor() != null) {
            List<String> after = Keyset.decode(query.cursor(), 2);
            Timestamp createdAt = Keyset.timestamp(after.get(0));
            sql.append(" and (created_at > ? or (created_at = ? and escrow_id > ?))");
            args.add(createdAt);
            args.add(createdAt);
            args.add(after.get(1));
        }
        sql.append(" order by created_at, escrow_id limit ?");
        args.add(query.limit() + 1);
        List<EscrowView> rows = jdbc.query(sql.toString(), EscrowQueries::escrow, args.toArray());
        if (rows.size() <= query.limit()) {
            return new EscrowPage(withMetadata(rows), null);
        }
        List<EscrowView> page = withMetadata(rows.subList(0, query.limit()));
        EscrowView last = page.get(page.size() - 1);
        return new EscrowPage(page, Keyset.encode(last.createdAt(), last.escrowId()));
    }

    /** The escrows with their metadata, read for all of them at once. */
    private List<EscrowView> withMetadata(List<EscrowView> escrows) {
        if (escrows.isEmpty()) {
            return escrows;
        }
        Map<String, Map<String, String>> metadata = new HashMap<>();
        jdbc.query("select escrow_id, meta_key, meta_value from escrow_metadata where escrow_id in ("
                + String.join(", ", Collections.nCopies(escrows.size(), "?")) + ")", row -> {
            metadata.computeIfAbsent(row.getString("escrow_id"), id -> new TreeMap<>())
                    .put(row.getString("meta_key"), row.getString("meta_value"));
        }, escrows.stream().map(EscrowView::escrowId).toArray());
        return escrows.stream().map(e -> new EscrowView(e.escrowId(), e.buyerId(), e.sellerId(), e.buyerWalletId(),
                e.sellerWalletId(), e.amount(), e.description(), e.state(), e.expiresInSeconds(), e.createdAt(),
                e.fundedAt(), e.expiresAt(), e.releasedAt(), e.refundedAt(), e.expiredAt(), e.version(),
                metadata.getOrDefault(e.escrowId(), Map.of()))).toList();
    }

    private static EscrowView escrow(ResultSet row, int rowNumber) throws SQLException {
        return new EscrowView(row.getString("escrow_id"), row.getString("buyer_id"), row.getString("seller_id"),
                row.getString("buyer_wallet_id"), row.getString("seller_wallet_id"),
                Money.of(row.getLong("amount"), row.getString("currency")), row.getString("description"),
                EscrowState.valueOf(row.getString("state")), row.getLong("expires_in_seconds"),
                instant(row, "created_at"), instant(row, "funded_at"), instant(row, "expires_at"),
                instant(row, "released_at"), instant(row, "refunded_at"), instant(row, "expired_at"),
                row.getLong("version"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
