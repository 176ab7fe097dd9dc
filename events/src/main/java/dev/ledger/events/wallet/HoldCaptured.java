package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code captured} leaves the wallet; {@code released} (the rest of the hold) becomes available again. */
@Revision("1")
public record HoldCaptured(String walletId, String holdId, String entryId, Money captured, Money released,
                           Instant occurredAt) {
}
