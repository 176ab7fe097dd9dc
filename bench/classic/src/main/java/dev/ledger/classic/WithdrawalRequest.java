package dev.ledger.classic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The body of a withdrawal, {@code {"amount": "0.01"}}: more than zero, at most two decimals (cents). */
record WithdrawalRequest(BigDecimal amount) {

    WithdrawalRequest {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be more than 0");
        }
        try {
            // one scale for every equal amount: "0.01" and "0.010" are the same request for the Idempotency-Key
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount has more than 2 decimals", e);
        }
    }

    long cents() {
        return amount.unscaledValue().longValueExact();
    }
}
