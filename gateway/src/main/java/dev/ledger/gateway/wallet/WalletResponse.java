package dev.ledger.gateway.wallet;

import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** WalletView of API.md §3; amounts are decimal strings in the major unit. */
public record WalletResponse(String walletId, String ownerId, String currency, String label,
                             @Schema(implementation = WalletStatus.class) String status,
                             String balance, String held, String available, long version, Instant createdAt,
                             Instant updatedAt, Map<String, String> metadata) {

    public static WalletResponse of(WalletView view) {
        return new WalletResponse(view.walletId(), view.ownerId(), view.currency(), view.label(),
                view.status().name(), view.balance().toDecimalString(), view.held().toDecimalString(),
                view.available().toDecimalString(), view.version(), view.createdAt(), view.updatedAt(),
                new TreeMap<>(view.metadata()));
    }
}
