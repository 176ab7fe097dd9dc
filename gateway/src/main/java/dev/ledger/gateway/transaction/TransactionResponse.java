package dev.ledger.gateway.transaction;

import dev.ledger.events.transaction.TransactionLeg;
import dev.ledger.events.transaction.TransactionView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** TransactionView of API.md §9. */
public record TransactionResponse(String transactionId, String currency, List<Leg> legs, String reference,
                                  Map<String, String> metadata, String status, String reversalOf,
                                  Instant createdAt) {

    /** A leg as the API spells it: {@code direction} is {@code debit} or {@code credit}. */
    public record Leg(String walletId, String direction, String amount) {

        static Leg of(TransactionLeg leg) {
            return new Leg(leg.walletId(), leg.direction().name().toLowerCase(Locale.ROOT),
                    leg.amount().toDecimalString());
        }
    }

    static TransactionResponse of(TransactionView view) {
        return new TransactionResponse(view.transactionId(), view.currency(),
                view.legs().stream().map(Leg::of).toList(), view.reference(), new TreeMap<>(view.metadata()),
                view.status().name(), view.reversalOf(), view.createdAt());
    }
}
