package dev.ledger.gateway.wallet;

import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** EntryResult of API.md §3: the wallet's state right after the command. */
public record EntryResultResponse(String entryId, String walletId,
                                  @Schema(implementation = EntryType.class) String type, String amount, String balance,
                                  String held, String available, long version, Instant occurredAt) {

    static EntryResultResponse of(EntryResult result) {
        return new EntryResultResponse(result.entryId(), result.walletId(), result.type().name(),
                result.amount().toDecimalString(), result.balance().toDecimalString(),
                result.held().toDecimalString(), result.available().toDecimalString(), result.version(),
                result.occurredAt());
    }
}
