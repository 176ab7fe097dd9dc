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
import java.util.List;
import java.util.Optional;
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
        return jdbc.query("select " + COLUMNS + " from wallet_view where wallet_id = ?", WalletQueries::wallet,
                query.walletId()).stream().findFirst();
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
            return new WalletPage(rows, null);
        }
        List<WalletView> page = rows.subList(0, query.limit());
        WalletView last = page.get(page.size() - 1);
        return new WalletPage(List.copyOf(page), Keyset.encode(last.createdAt(), last.walletId()));
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
