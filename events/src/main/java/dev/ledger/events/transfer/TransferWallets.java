package dev.ledger.events.transfer;

/** The wallets a transfer moved money between: the owners of either may see it. */
public record TransferWallets(String transferId, String fromWalletId, String toWalletId) {
}
