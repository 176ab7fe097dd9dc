package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** On the source wallet: the destination refused ({@code failureCode}), the amount came back; the transfer failed. */
@Revision("1")
public record TransferReturned(String walletId, String transferId, String entryId, Money amount, String toWalletId,
                               String failureCode, Instant occurredAt) {
}
