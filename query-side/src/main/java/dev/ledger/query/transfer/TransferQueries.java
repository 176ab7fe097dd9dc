package dev.ledger.query.transfer;

import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.FindTransferQuery;
import dev.ledger.events.transfer.ListTransfersQuery;
import dev.ledger.events.transfer.TransferPage;
import dev.ledger.events.transfer.TransferRecord;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.query.page.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

/** Answers transfer queries from {@code transfer_view}, with the owners of both wallets for access checks. */
@Component
public class TransferQueries {

    private static final String COLUMNS = """
            t.transfer_id, t.from_wallet_id, t.to_wallet_id, t.currency, t.amount, t.status, t.failure_code,
            t.created_at, t.completed_at, t.reference, t.reversal_of, t.reversed_amount""";

    private final JdbcTemplate jdbc;

    public TransferQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The row first, then its metadata: the projection writes both in one transaction, so metadata read after the
     * row is the row's (read before it, it could miss what committed in between).
     */
    @QueryHandler
    public Optional<TransferRecord> find(FindTransferQuery query) {
        Map<String, Map<String, String>> metadata = new HashMap<>();
        Optional<TransferRecord> found = jdbc.query("select " + COLUMNS + """
                , f.owner_id as from_owner, d.owner_id as to_owner
                from transfer_view t
                left join wallet_view f on f.wallet_id = t.from_wallet_id
                left join wallet_view d on d.wallet_id = t.to_wallet_id
                where t.transfer_id = ?""", (row, n) -> new TransferRecord(transfer(row, metadata),
                row.getString("from_owner"), row.getString("to_owner")), query.transferId()).stream().findFirst();
        if (found.isEmpty()) {
            return found;
        }
        Map<String, String> own = metadata(List.of(query.transferId())).getOrDefault(query.transferId(), Map.of());
        TransferView view = found.get().transfer();
        return Optional.of(new TransferRecord(new TransferView(view.transferId(), view.fromWalletId(),
                view.toWalletId(), view.amount(), view.status(), view.failureCode(), view.createdAt(),
                view.completedAt(), view.reference(), view.reversalOf(), view.reversedAmount(), own),
                found.get().fromOwnerId(), found.get().toOwnerId()));
    }

    /** Newest first; each filter reads an index of its own (a wallet's transfers, an owner's wallets, metadata). */
    @QueryHandler
    public TransferPage list(ListTransfersQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from transfer_view t where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.ownerId() != null) {
            sql.append(" and (t.from_wallet_id in (select wallet_id from wallet_view where owner_id = ?)"
                    + " or t.to_wallet_id in (select wallet_id from wallet_view where owner_id = ?))");
            args.add(query.ownerId());
            args.add(query.ownerId());
        }
        if (query.walletId() != null) {
            sql.append(" and (t.from_wallet_id = ? or t.to_wallet_id = ?)");
            args.add(query.walletId());
            args.add(query.walletId());
        }
        if (query.status() != null) {
            sql.append(" and t.status = ?");
            args.add(query.status().name());
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(query.metadata()).entrySet()) {
            sql.append(" and exists (select 1 from transfer_metadata m"
                    + " where m.transfer_id = t.transfer_id and m.meta_key = ? and m.meta_value = ?)");
            args.add(entry.getKey());
            args.add(entry.getValue());
        }
        if (query.cursor() != null) {
            List<String> after = Keyset.decode(query.cursor(), 2);
            Timestamp createdAt = Keyset.timestamp(after.get(0));
            sql.append(" and (t.created_at < ? or (t.created_at = ? and t.transfer_id < ?))");
            args.add(createdAt);
            args.add(createdAt);
            args.add(after.get(1));
        }
        sql.append(" order by t.created_at desc, t.transfer_id desc limit ?");
        args.add(query.limit() + 1);
        List<TransferView> rows = jdbc.query(sql.toString(), (row, n) -> transfer(row, Map.of()), args.toArray());
        List<TransferView> shown = rows.size() > query.limit() ? rows.subList(0, query.limit()) : rows;
        Map<String, Map<String, String>> metadata = metadata(shown.stream().map(TransferView::transferId).toList());
        List<TransferView> page = shown.stream().map(view -> new TransferView(view.transferId(), view.fromWalletId(),
                view.toWalletId(), view.amount(), view.status(), view.failureCode(), view.createdAt(),
                view.completedAt(), view.reference(), view.reversalOf(), view.reversedAmount(),
                metadata.getOrDefault(view.transferId(), Map.of()))).toList();
        if (rows.size() <= query.limit()) {
            return new TransferPage(page, null);
        }
        TransferView last = page.get(page.size() - 1);
        return new TransferPage(page, Keyset.encode(last.createdAt(), last.transferId()));
    }

    private Map<String, Map<String, String>> metadata(List<String> transferIds) {
        Map<String, Map<String, String>> metadata = new HashMap<>();
        if (transferIds.isEmpty()) {
            return metadata;
        }
        jdbc.query("select transfer_id, meta_key, meta_value from transfer_metadata where transfer_id in ("
                + String.join(", ", Collections.nCopies(transferIds.size(), "?")) + ")", row -> {
            metadata.computeIfAbsent(row.getString("transfer_id"), id -> new TreeMap<>())
                    .put(row.getString("meta_key"), row.getString("meta_value"));
        }, transferIds.toArray());
        return metadata;
    }

    private static TransferView transfer(ResultSet row, Map<String, Map<String, String>> metadata)
            throws SQLException {
        Timestamp completedAt = row.getTimestamp("completed_at");
        String currency = row.getString("currency");
        String id = row.getString("transfer_id");
        return new TransferView(id, row.getString("from_wallet_id"), row.getString("to_wallet_id"),
                Money.of(row.getLong("amount"), currency), TransferStatus.valueOf(row.getString("status")),
                row.getString("failure_code"), row.getTimestamp("created_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant(), row.getString("reference"),
                row.getString("reversal_of"),
                Money.of(row.getLong("reversed_amount"), currency), metadata.getOrDefault(id, Map.of()));
    }
}
