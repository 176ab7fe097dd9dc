package dev.ledger.events.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WalletClosed(String walletId, String entryId, Instant occurredAt) {
}
