package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record HoldPlaced(String walletId, String holdId, String entryId, Money amount, String reference,
                         Instant expiresAt, Instant occurredAt) {
}
