package dev.ledger.gateway.webhook;

/**
 * What one ledger event means to a webhook receiver: its type, the resource it changed and that resource's view
 * right after the change (the API's WalletView, HoldView, TransferView or EscrowView).
 */
record ResourceChange(String type, String aggregateType, String aggregateId, Object data) {
}
