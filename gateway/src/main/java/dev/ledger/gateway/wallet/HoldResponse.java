package dev.ledger.gateway.wallet;

import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** HoldView of API.md §3. */
public record HoldResponse(String holdId, String walletId, String amount, String capturedAmount,
                           @Schema(implementation = HoldStatus.class) String status,
                           String reference, Instant expiresAt, Instant createdAt, long version,
                           Map<String, String> metadata) {

    public static HoldResponse of(HoldView hold) {
        return new HoldResponse(hold.holdId(), hold.walletId(), hold.amount().toDecimalString(),
                hold.capturedAmount().toDecimalString(), hold.status().name(), hold.reference(), hold.expiresAt(),
                hold.createdAt(), hold.version(), new TreeMap<>(hold.metadata()));
    }
}
