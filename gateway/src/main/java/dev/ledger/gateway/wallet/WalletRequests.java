package dev.ledger.gateway.wallet;

/** Request bodies of the wallet endpoints, for the OpenAPI description; bodies are read by {@code JsonBody}. */
final class WalletRequests {

    private WalletRequests() {
    }

    record OpenWallet(String currency, String ownerId, String label) {
    }

    record MoneyMovement(String amount, String reference) {
    }
}
