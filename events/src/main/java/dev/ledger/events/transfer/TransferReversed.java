package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * {@code reversalId} sent {@code amount} of transfer {@code transferId} back, in the same database transaction;
 * {@code reversedTotal} is what all its reversals have sent back so far, never more than the transfer's amount.
 * {@code fromWalletId}, {@code toWalletId} and {@code transferAmount} are the original's, as its first reversal found
 * it.
 */
@Revision("1")
public record TransferReversed(String transferId, String reversalId, String fromWalletId, String toWalletId,
                               Money transferAmount, Money amount, Money reversedTotal, String reason,
                               Instant occurredAt) {
}
