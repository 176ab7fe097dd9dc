package dev.ledger.events.transfer;

import dev.ledger.events.money.Money;

/**
 * The wallets a transfer moved money between (the owners of either may see it), its amount and the transfer it
 * reverses, if any, as the transfer's own transaction recorded them. {@code amount} is null for a transfer recorded
 * before it was kept here (docs/adr/016).
 */
public record TransferWallets(String transferId, String fromWalletId, String toWalletId, Money amount,
                              String reversalOf) {
}
