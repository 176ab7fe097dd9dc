package dev.ledger.command.wallet;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.HoldStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A hold of the wallet: what it reserves and what became of it. {@code metadata} is null in snapshots taken before
 * holds had metadata; such a hold has none.
 */
record Hold(String holdId, Money amount, Money captured, HoldStatus status, String reference, Instant expiresAt,
            Instant createdAt, Map<String, String> metadata) {

    static Hold placed(String holdId, Money amount, String reference, Instant expiresAt, Instant createdAt,
                       Map<String, String> metadata) {
        return new Hold(holdId, amount, Money.zero(amount.currency()), HoldStatus.ACTIVE, reference, expiresAt,
                createdAt, metadata);
    }

    boolean isActive() {
        return status == HoldStatus.ACTIVE;
    }

    /** Active by its state, but its time is up: the expiry deadline is only moments away. */
    boolean isDueAt(Instant now) {
        return isActive() && !now.isBefore(expiresAt);
    }

    Hold ended(HoldStatus outcome, Money capturedAmount) {
        return new Hold(holdId, amount, capturedAmount, outcome, reference, expiresAt, createdAt, metadata);
    }
}
