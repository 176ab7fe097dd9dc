package dev.ledger.events.transfer;

/** Answers an {@code Optional<TransferRecord>}. */
public record FindTransferQuery(String transferId) {
}
