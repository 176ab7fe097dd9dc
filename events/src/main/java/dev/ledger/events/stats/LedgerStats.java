package dev.ledger.events.stats;

import dev.ledger.events.escrow.EscrowState;
import java.util.List;
import java.util.Map;

/** Totals for dashboards: per currency, and the number of escrows in each state (every state present). */
public record LedgerStats(List<CurrencyTotals> currencies, Map<EscrowState, Long> escrows) {
}
