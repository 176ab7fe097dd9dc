package dev.ledger.gateway.transfer;

import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** TransferView of API.md §4. */
public record TransferResponse(String transferId, String fromWalletId, String toWalletId, String amount,
                               String currency, @Schema(implementation = TransferStatus.class) String status,
                               String failureCode, String reference, Map<String, String> metadata,
                               String reversalOf, String reversedAmount, Instant createdAt, Instant completedAt) {

    public static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId(), view.fromWalletId(), view.toWalletId(),
                view.amount().toDecimalString(), view.amount().currency(), view.status().name(), view.failureCode(),
                view.reference(), new TreeMap<>(view.metadata()), view.reversalOf(),
                view.reversedAmount().toDecimalString(), view.createdAt(), view.completedAt());
    }
}
