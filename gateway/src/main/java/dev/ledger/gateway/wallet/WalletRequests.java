package dev.ledger.gateway.wallet;

import dev.ledger.events.text.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Request bodies of the wallet endpoints, for the OpenAPI description; bodies are read by {@code JsonBody}. */
final class WalletRequests {

    private WalletRequests() {
    }

    record OpenWallet(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String currency,
                      @Schema(maxLength = Text.MAX_LENGTH) String ownerId,
                      @Schema(maxLength = Text.MAX_LENGTH) String label, Map<String, String> metadata) {
    }

    record MoneyMovement(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String amount,
                         @Schema(maxLength = Text.MAX_LENGTH) String reference) {
    }
}
