package dev.ledger.gateway.wallet;

import dev.ledger.events.money.Amount;
import dev.ledger.events.text.Text;
import dev.ledger.gateway.http.ClientIdentifier;
import dev.ledger.gateway.http.CurrencyCode;
import dev.ledger.gateway.http.FreeText;
import dev.ledger.gateway.http.MetadataEntries;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** Request bodies of the wallet and hold endpoints, bound and validated by Spring ({@code @Valid @RequestBody}). */
final class WalletRequests {

    private WalletRequests() {
    }

    record OpenWallet(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                      @CurrencyCode String currency,
                      @Schema(maxLength = Text.MAX_LENGTH) @ClientIdentifier String ownerId,
                      @Schema(maxLength = Text.MAX_LENGTH) @FreeText String label,
                      @MetadataEntries Map<String, String> metadata) {
    }

    record MoneyMovement(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                         Amount amount,
                         @Schema(maxLength = Text.MAX_LENGTH) @FreeText String reference) {
    }

    record PlaceHold(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                     Amount amount,
                     @Schema(minimum = "1", maximum = "2592000") Integer expiresInSeconds,
                     @Schema(maxLength = Text.MAX_LENGTH) @FreeText String reference,
                     @MetadataEntries Map<String, String> metadata) {
    }

    record CaptureHold(@Schema(description = "Left out: the whole hold") Amount amount) {
    }
}
