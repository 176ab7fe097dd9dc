package dev.ledger.gateway.wallet;

import dev.ledger.events.wallet.BalanceAsOfView;
import java.time.Instant;

/** A wallet's balance at an instant (API.md §7). */
public record BalanceAsOfResponse(String walletId, Instant asOf, String balance, String held, String available,
                                  long version) {

    static BalanceAsOfResponse of(BalanceAsOfView view) {
        return new BalanceAsOfResponse(view.walletId(), view.asOf(), view.balance().toDecimalString(),
                view.held().toDecimalString(), view.available().toDecimalString(), view.version());
    }
}
