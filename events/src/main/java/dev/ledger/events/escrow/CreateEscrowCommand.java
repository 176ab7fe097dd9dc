package dev.ledger.events.escrow;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import dev.ledger.events.text.Text;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an escrow between the owners of two wallets of one currency. The escrow finds the owners and currencies
 * in the wallets themselves, in its own unit of work (docs/adr/007).
 */
public record CreateEscrowCommand(@TargetAggregateIdentifier String escrowId, String buyerWalletId,
                                  String sellerWalletId, Money amount, long expiresInSeconds, String description,
                                  Actor actor, Map<String, String> metadata) {

    public CreateEscrowCommand {
        Text.require("description", description);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An escrow without metadata. */
    public CreateEscrowCommand(String escrowId, String buyerWalletId, String sellerWalletId, Money amount,
                               long expiresInSeconds, String description, Actor actor) {
        this(escrowId, buyerWalletId, sellerWalletId, amount, expiresInSeconds, description, actor, Map.of());
    }
}
