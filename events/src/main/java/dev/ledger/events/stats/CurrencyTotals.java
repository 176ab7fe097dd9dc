package dev.ledger.events.stats;

import java.math.BigInteger;

/**
 * The wallets of one currency and the sums of their balances and holds, in minor units: a sum over many wallets
 * may exceed what one wallet's 64-bit amount can hold.
 */
public record CurrencyTotals(String currency, long wallets, BigInteger balanceMinorUnits,
                             BigInteger heldMinorUnits) {

    public BigInteger availableMinorUnits() {
        return balanceMinorUnits.subtract(heldMinorUnits);
    }
}
