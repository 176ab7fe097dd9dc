package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;

/** A transfer as the API shows it: a process over two wallets, so it has no version of its own. */
public record TransferView(String transferId, String fromWalletId, String toWalletId, Money amount,
                           TransferStatus status, String failureCode, Instant createdAt, Instant completedAt) {
}
