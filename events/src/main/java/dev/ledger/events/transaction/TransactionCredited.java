package dev.ledger.events.transaction;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** On a wallet: a transaction's credit leg put {@code amount} into it. */
@Revision("1")
public record TransactionCredited(String walletId, String transactionId, String entryId, Money amount,
                                  String reference, Instant occurredAt) {
}
