package dev.ledger.events.transfer;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import dev.ledger.events.text.Text;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A transfer, sent to the source wallet: it decides (visibility, permission, state, funds), debits itself and credits
 * {@code toWalletId} in the same transaction, or refuses and nothing moves (docs/adr/012).
 */
public record SendTransferCommand(@TargetAggregateIdentifier String walletId, String transferId, String entryId,
                                  Amount amount, String toWalletId, String reference, Actor actor,
                                  String reversalOf, Map<String, String> metadata) {

    public SendTransferCommand {
        Text.require("reference", reference);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An original transfer without metadata. */
    public SendTransferCommand(String walletId, String transferId, String entryId, Amount amount, String toWalletId,
                               String reference, Actor actor) {
        this(walletId, transferId, entryId, amount, toWalletId, reference, actor, null, Map.of());
    }
}
