package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MoneyWithdrawn(String walletId, String entryId, Money amount, String reference, Instant occurredAt) {
}
