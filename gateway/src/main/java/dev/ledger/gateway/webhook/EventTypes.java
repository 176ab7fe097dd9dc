package dev.ledger.gateway.webhook;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The event types of API.md §10 and the filters an endpoint subscribes with: a type, a family wildcard
 * ({@code wallet.*}) or {@code *}.
 */
final class EventTypes {

    static final String PING = "ping";

    static final List<String> ALL = List.of(
            "wallet.opened", "wallet.deposited", "wallet.withdrawn", "wallet.frozen", "wallet.unfrozen",
            "wallet.closed", "hold.placed", "hold.captured", "hold.voided", "hold.expired", "transfer.completed",
            "transfer.failed", "transaction.posted", "transaction.reversed", "escrow.created", "escrow.funded",
            "escrow.released", "escrow.refunded", "escrow.expired", PING);

    private static final Set<String> FAMILIES = Set.of("wallet", "hold", "transfer", "transaction", "escrow");

    private EventTypes() {
    }

    static boolean isValidFilter(String filter) {
        return filter.equals("*") || ALL.contains(filter)
                || filter.endsWith(".*") && FAMILIES.contains(filter.substring(0, filter.length() - 2));
    }

    static boolean matches(Collection<String> filters, String type) {
        for (String filter : filters) {
            if (filter.equals("*") || filter.equals(type)
                    || filter.endsWith(".*") && type.startsWith(filter.substring(0, filter.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
