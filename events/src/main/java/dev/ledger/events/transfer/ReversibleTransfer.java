package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;

/** What a reversal needs to know of the transfer it reverses; none of it ever changes once the transfer settled. */
public record ReversibleTransfer(String fromWalletId, String toWalletId, Money amount, TransferStatus status,
                                 String reversalOf) {
}
