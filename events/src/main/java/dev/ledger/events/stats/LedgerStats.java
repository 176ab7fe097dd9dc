package dev.ledger.events.stats;

import dev.ledger.events.escrow.EscrowState;
import java.util.List;
import java.util.Map;

/**
 * Totals for dashboards: per currency, the number of escrows in each state (every state present), and how many
 * transfers and transactions there are, reversals counted among them and on their own.
 */
public record LedgerStats(List<CurrencyTotals> currencies, Map<EscrowState, Long> escrows, MovementCounts transfers,
                          MovementCounts transactions) {
}
