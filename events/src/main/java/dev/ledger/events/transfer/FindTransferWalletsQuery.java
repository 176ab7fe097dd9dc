package dev.ledger.events.transfer;

/** The two wallets of a transfer, as recorded in the transfer's own transaction: an optional {@link TransferWallets}. */
public record FindTransferWalletsQuery(String transferId) {
}
