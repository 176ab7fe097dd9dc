package dev.ledger.query.stats;

import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.stats.CurrencyTotals;
import dev.ledger.events.stats.LedgerStats;
import dev.ledger.events.stats.LedgerStatsQuery;
import dev.ledger.events.stats.MovementCounts;
import dev.ledger.events.wallet.HoldStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Dashboard totals from the wallet and escrow read models. */
@Component
public class StatsQueries {

    private final JdbcTemplate jdbc;

    public StatsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public LedgerStats stats(LedgerStatsQuery query) {
        List<CurrencyTotals> currencies = jdbc.query("""
                select currency, count(*) as wallets, sum(balance) as balance, sum(held) as held
                from wallet_view group by currency order by currency""",
                (row, n) -> new CurrencyTotals(row.getString("currency"), row.getLong("wallets"),
                        whole(row.getBigDecimal("balance")), whole(row.getBigDecimal("held"))));
        Map<EscrowState, Long> escrows = new EnumMap<>(EscrowState.class);
        for (EscrowState state : EscrowState.values()) {
            escrows.put(state, 0L);
        }
        jdbc.query("select state, count(*) as escrows from escrow_view group by state",
                row -> {
                    escrows.put(EscrowState.valueOf(row.getString("state")), row.getLong("escrows"));
                });
        return new LedgerStats(currencies, Collections.unmodifiableMap(escrows), counts("transfer_view"),
                counts("transaction_view"));
    }

    private MovementCounts counts(String table) {
        return jdbc.queryForObject("select count(*) as movements, count(reversal_of) as reversals from " + table,
                (row, n) -> new MovementCounts(row.getLong("movements"), row.getLong("reversals")));
    }

    /** How many holds are in each state (ACTIVE, CAPTURED, VOIDED, EXPIRED), every state present. */
    public Map<HoldStatus, Long> holdsByStatus() {
        Map<HoldStatus, Long> holds = new EnumMap<>(HoldStatus.class);
        for (HoldStatus status : HoldStatus.values()) {
            holds.put(status, 0L);
        }
        jdbc.query("select status, count(*) as holds from wallet_hold group by status",
                row -> {
                    holds.put(HoldStatus.valueOf(row.getString("status")), row.getLong("holds"));
                });
        return holds;
    }

    private static BigInteger whole(BigDecimal sum) {
        return sum == null ? BigInteger.ZERO : sum.toBigIntegerExact();
    }
}
