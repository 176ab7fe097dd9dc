package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;
import java.time.Instant;
import java.util.Map;
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
                           String reference, Instant occurredAt, boolean creditedInSameTransaction,
                           String reversalOf, Map<String, String> metadata) {

    /**
     * {@code reversalOf} (the transfer this one reverses) and {@code metadata} came later too (docs/adr/016): stored
     * events without them read as an original transfer with no metadata, again without a new revision.
     */
    public TransferSent {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public TransferSent(String walletId, String transferId, String entryId, Money amount, String toWalletId,
                        String reference, Instant occurredAt, boolean creditedInSameTransaction) {
        this(walletId, transferId, entryId, amount, toWalletId, reference, occurredAt, creditedInSameTransaction,
                null, Map.of());
    }
}
