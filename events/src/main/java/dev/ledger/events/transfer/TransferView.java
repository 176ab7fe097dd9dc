package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;

/** A transfer as the API shows it: a process over two wallets, so it has no version of its own. */
public record TransferView(String transferId, String fromWalletId, String toWalletId, Money amount,
                           TransferStatus status, String failureCode, Instant createdAt, Instant completedAt,
                           String reference, String reversalOf, Money reversedAmount,
                           Map<String, String> metadata) {

    public TransferView {
        reversedAmount = reversedAmount == null ? Money.zero(amount.currency()) : reversedAmount;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** An original transfer without metadata, not reversed. */
    public TransferView(String transferId, String fromWalletId, String toWalletId, Money amount,
                        TransferStatus status, String failureCode, Instant createdAt, Instant completedAt) {
        this(transferId, fromWalletId, toWalletId, amount, status, failureCode, createdAt, completedAt, null, null,
                null, Map.of());
    }
}
