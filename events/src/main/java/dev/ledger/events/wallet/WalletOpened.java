package dev.ledger.events.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WalletOpened(String walletId, String ownerId, String currency, String label, Instant occurredAt) {
}
