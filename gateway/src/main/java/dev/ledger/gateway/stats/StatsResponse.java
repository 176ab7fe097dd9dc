package dev.ledger.gateway.stats;

import dev.ledger.events.money.Currencies;
import dev.ledger.events.stats.CurrencyTotals;
import dev.ledger.events.stats.LedgerStats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/stats} (API.md §7). */
public record StatsResponse(List<Currency> currencies, Map<String, Long> escrows, Movements transfers,
                            Movements transactions) {

    /** How many transfers (or transactions) there are, and how many of them reverse another. */
    public record Movements(long count, long reversals) {
    }

    /** One currency's wallets and their totals, as decimal strings in the currency's major unit. */
    public record Currency(String currency, long wallets, String balance, String held, String available) {
    }

    static StatsResponse of(LedgerStats stats) {
        Map<String, Long> escrows = new LinkedHashMap<>();
        stats.escrows().forEach((state, count) -> escrows.put(state.name(), count));
        return new StatsResponse(stats.currencies().stream().map(StatsResponse::currency).toList(), escrows,
                new Movements(stats.transfers().count(), stats.transfers().reversals()),
                new Movements(stats.transactions().count(), stats.transactions().reversals()));
    }

    private static Currency currency(CurrencyTotals totals) {
        int digits = Currencies.minorDigits(totals.currency());
        return new Currency(totals.currency(), totals.wallets(), decimal(totals.balanceMinorUnits(), digits),
                decimal(totals.heldMinorUnits(), digits), decimal(totals.availableMinorUnits(), digits));
    }

    private static String decimal(BigInteger minorUnits, int digits) {
        return new BigDecimal(minorUnits, digits).toPlainString();
    }
}
