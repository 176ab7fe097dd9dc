package dev.ledger.events.escrow;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Money;
import dev.ledger.events.text.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an escrow between the owners of two wallets of one currency; the gateway has resolved the wallets' owners
 * and currencies from the wallet read model.
 */
public record CreateEscrowCommand(@TargetAggregateIdentifier String escrowId, String buyerId, String sellerId,
                                  String buyerWalletId, String sellerWalletId, Money amount, long expiresInSeconds,
                                  String description, Actor actor) {

    public CreateEscrowCommand {
        Text.require("description", description);
    }
}
