package dev.ledger.query.wallet;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.BalanceAsOfView;
import dev.ledger.events.wallet.FindBalanceAsOfQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A wallet's balance at an instant, from its journal ({@code wallet_entry}): every entry already carries the
 * balance and held amounts right after it, so one indexed row answers, however long the history.
 */
@Component
public class WalletBalanceAsOfQueries {

    private final JdbcTemplate jdbc;

    public WalletBalanceAsOfQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<BalanceAsOfView> balanceAsOf(FindBalanceAsOfQuery query) {
        List<Wallet> wallets = jdbc.query("select currency, created_at from wallet_view where wallet_id = ?",
                (row, n) -> new Wallet(row.getString("currency"), row.getTimestamp("created_at").toInstant()),
                query.walletId());
        if (wallets.isEmpty()) {
            return Optional.empty();
        }
        String currency = wallets.get(0).currency();
        // the database keeps microseconds: rounding a finer asOf up could take in an event after it
        Timestamp asOf = Timestamp.from(query.asOf().truncatedTo(ChronoUnit.MICROS));
        List<BalanceAsOfView> last = jdbc.query("""
                select sequence, balance_after, held_after from wallet_entry
                where wallet_id = ? and occurred_at <= ?
                order by occurred_at desc, sequence desc limit 1""",
                (row, n) -> view(query, Money.of(row.getLong("balance_after"), currency),
                        Money.of(row.getLong("held_after"), currency), row.getLong("sequence") + 1),
                query.walletId(), asOf);
        if (!last.isEmpty()) {
            return Optional.of(last.get(0));
        }
        // no entry yet: only the opening (version 1), or not even that
        long version = wallets.get(0).createdAt().isAfter(query.asOf()) ? 0 : 1;
        return Optional.of(view(query, Money.zero(currency), Money.zero(currency), version));
    }

    private static BalanceAsOfView view(FindBalanceAsOfQuery query, Money balance, Money held, long version) {
        return new BalanceAsOfView(query.walletId(), query.asOf(), balance, held, balance.minus(held), version);
    }

    private record Wallet(String currency, Instant createdAt) {
    }
}
