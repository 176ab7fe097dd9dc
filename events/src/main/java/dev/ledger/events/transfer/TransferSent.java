package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** On the source wallet: the amount left it, on its way to {@code toWalletId}. */
@Revision("1")
public record TransferSent(String walletId, String transferId, String entryId, Money amount, String toWalletId,
                           String reference, Instant occurredAt) {
}
