package dev.ledger.events.wallet;

/** Answers an {@code Optional<WalletView>}. */
public record FindWalletQuery(String walletId) {
}
