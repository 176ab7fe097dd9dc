package dev.ledger.events.transaction;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** On a wallet: a transaction's debit leg took {@code amount} out of it. */
@Revision("1")
public record TransactionDebited(String walletId, String transactionId, String entryId, Money amount,
                                 String reference, Instant occurredAt) {
}
