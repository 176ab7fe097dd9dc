package dev.ledger.events.wallet;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EscrowPaymentReceived(String walletId, String escrowId, String entryId, Money amount,
                                    String fromWalletId, Instant occurredAt) {
}
