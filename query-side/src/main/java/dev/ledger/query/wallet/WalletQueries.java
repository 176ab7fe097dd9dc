package dev.ledger.query.wallet;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.FindWalletQuery;
import dev.ledger.events.wallet.ListWalletsQuery;
import dev.ledger.events.wallet.WalletPage;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
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

/** Answers wallet queries from {@code wallet_view}. */
@Component
public class WalletQueries {

    private static final String COLUMNS = """
            wallet_id, owner_id, currency, label, status, balance, held, version, created_at, updated_at""";

    private final JdbcTemplate jdbc;

    public WalletQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<WalletView> find(FindWalletQuery query) {
        return withMetadata(jdbc.query("select " + COLUMNS + " from wallet_view where wallet_id = ?",
                WalletQueries::wallet, query.walletId())).stream().findFirst();
    }

    @QueryHandler
    public WalletPage list(ListWalletsQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from wallet_view where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.ownerId() != null) {
            sql.append(" and owner_id = ?");
            args.add(query.ownerId());
        }
        if (query.currency() != null) {
            sql.append(" and currency = ?");
            args.add(query.currency());
        }
        if (query.status() != null) {
            sql.append(" and status = ?");
            args.add(query.status().name());
        }
        // each metadata filter reads the (key, value) index of wallet_metadata (docs/adr/016)
        for (Map.Entry<String, String> entry : new TreeMap<>(query.metadata()).entrySet()) {
            sql.append(" and exists (select 1 from wallet_metadata m"
                    + " where m.wallet_id = wallet_view.wallet_id and m.meta_key = ? and m.meta_value = ?)");
            args.add(entry.getKey());
            args.add(entry.getValue());
        }
        if (query.cursor() != null) {
            List<String> after = Keyset.decode(query.cursor(), 2);
            sql.append(" and (created_at > ? or (created_at = ? and wallet_id > ?))");
            Timestamp createdAt = Keyset.timestamp(after.get(0));
            args.add(createdAt);
            args.add(createdAt);
            args.add(after.get(1));
        }
        sql.append(" order by created_at, wallet_id limit ?");
        args.add(query.limit() + 1);
        List<WalletView> rows = jdbc.query(sql.toString(), WalletQueries::wallet, args.toArray());
        if (rows.size() <= query.limit()) {
            return new WalletPage(withMetadata(rows), null);
        }
        List<WalletView> page = withMetadata(rows.subList(0, query.limit()));
        WalletView last = page.get(page.size() - 1);
        return new WalletPage(List.copyOf(page), Keyset.encode(last.createdAt(), last.walletId()));
    }

    /** The wallets with their metadata, read for all of them at once. */
    private List<WalletView> withMetadata(List<WalletView> wallets) {
        if (wallets.isEmpty()) {
            return wallets;
        }
        Map<String, Map<String, String>> metadata = new HashMap<>();
        jdbc.query("select wallet_id, meta_key, meta_value from wallet_metadata where wallet_id in ("
                + String.join(", ", Collections.nCopies(wallets.size(), "?")) + ")", row -> {
            metadata.computeIfAbsent(row.getString("wallet_id"), id -> new TreeMap<>())
                    .put(row.getString("meta_key"), row.getString("meta_value"));
        }, wallets.stream().map(WalletView::walletId).toArray());
        return wallets.stream().map(w -> new WalletView(w.walletId(), w.ownerId(), w.currency(), w.label(),
                w.status(), w.balance(), w.held(), w.available(), w.version(), w.createdAt(), w.updatedAt(),
                metadata.getOrDefault(w.walletId(), Map.of()))).toList();
    }

    static WalletView wallet(ResultSet row, int rowNumber) throws SQLException {
        String currency = row.getString("currency");
        Money balance = Money.of(row.getLong("balance"), currency);
        Money held = Money.of(row.getLong("held"), currency);
        return new WalletView(row.getString("wallet_id"), row.getString("owner_id"), currency,
                row.getString("label"), WalletStatus.valueOf(row.getString("status")), balance, held,
                balance.minus(held), row.getLong("version"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
