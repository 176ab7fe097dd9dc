package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** On the destination wallet: the transfer arrived; the transfer is complete. */
@Revision("1")
public record TransferReceived(String walletId, String transferId, String entryId, Money amount,
                               String fromWalletId, String reference, Instant occurredAt) {
}
