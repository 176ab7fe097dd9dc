package dev.ledger.events.transfer;

/** A transfer with the owners of its two wallets, who may both see it. */
public record TransferRecord(TransferView transfer, String fromOwnerId, String toOwnerId) {
}
