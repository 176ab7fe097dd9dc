package dev.ledger.gateway.operations;

import dev.ledger.events.money.Currencies;
import dev.ledger.events.stats.CurrencyTotals;
import dev.ledger.events.stats.LedgerStats;
import dev.ledger.events.stats.LedgerStatsQuery;
import dev.ledger.query.stats.StatsQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the dashboards show of the read models, as gauges refreshed every {@code ledger.metrics.read-model-interval}
 * (10 s) rather than on every scrape: {@code ledger.wallets} (tag {@code currency}), {@code ledger.wallets.amount}
 * (tags {@code currency}, {@code kind}: balance, held, available; in the currency's major unit),
 * {@code ledger.holds} and {@code ledger.escrows} (tag {@code state}). The same totals as {@code GET /api/stats}.
 */
@Component
public class ReadModelGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReadModelGauges.class);

    private final StatsQueries stats;
    private MultiGauge wallets;
    private MultiGauge amounts;
    private MultiGauge holds;
    private MultiGauge escrows;

    public ReadModelGauges(StatsQueries stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        wallets = MultiGauge.builder("ledger.wallets").description("Wallets, by currency").register(registry);
        amounts = MultiGauge.builder("ledger.wallets.amount")
                .description("Sum over the wallets of a currency of their balance, held or available amount, in the "
                        + "currency's major unit").register(registry);
        holds = MultiGauge.builder("ledger.holds").description("Holds, by state").register(registry);
        escrows = MultiGauge.builder("ledger.escrows").description("Escrows, by state").register(registry);
        refresh();
    }

    @Scheduled(initialDelayString = "${ledger.metrics.read-model-interval:PT10S}",
            fixedDelayString = "${ledger.metrics.read-model-interval:PT10S}")
    void refresh() {
        if (wallets == null) {
            return;
        }
        try {
            LedgerStats totals = stats.stats(new LedgerStatsQuery());
            List<MultiGauge.Row<?>> walletRows = new ArrayList<>();
            List<MultiGauge.Row<?>> amountRows = new ArrayList<>();
            for (CurrencyTotals currency : totals.currencies()) {
                Tags tags = Tags.of("currency", currency.currency());
                walletRows.add(MultiGauge.Row.of(tags, currency.wallets()));
                amountRows.add(amount(currency, "balance", currency.balanceMinorUnits()));
                amountRows.add(amount(currency, "held", currency.heldMinorUnits()));
                amountRows.add(amount(currency, "available", currency.availableMinorUnits()));
            }
            wallets.register(walletRows, true);
            amounts.register(amountRows, true);
            holds.register(byState(stats.holdsByStatus()), true);
            escrows.register(byState(totals.escrows()), true);
        } catch (RuntimeException e) {
            // a dashboard gauge must never take anything down; it shows its last values until the next refresh
            log.warn("Could not refresh the read model gauges: {}", e.getMessage());
        }
    }

    private static MultiGauge.Row<?> amount(CurrencyTotals currency, String kind, BigInteger minorUnits) {
        double major = new BigDecimal(minorUnits, Currencies.minorDigits(currency.currency())).doubleValue();
        return MultiGauge.Row.of(Tags.of("currency", currency.currency(), "kind", kind), major);
    }

    private static <S extends Enum<S>> List<MultiGauge.Row<?>> byState(Map<S, Long> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", state.name()), count)));
        return rows;
    }
}
