package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * On the source wallet: the amount left it for {@code toWalletId}.
 *
 * <p>{@code creditedInSameTransaction} is true when the destination's {@link TransferReceived} was appended in the
 * same transaction (docs/adr/012). Events stored before that field existed are transfers the transfer process settles
 * later (docs/adr/006); they read as {@code false}, which is what they are, so the field came without a new revision
 * or an upcaster.
 */
@Revision("1")
public record TransferSent(String walletId, String transferId, String entryId, Money amount, String toWalletId,
                           String reference, Instant occurredAt, boolean creditedInSameTransaction) {
}
