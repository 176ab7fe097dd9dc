package dev.ledger.events.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of one currency, held in the currency's minor unit (cents for USD, yen for JPY).
 * Arithmetic refuses to mix currencies or to overflow: money is never rounded and never wraps.
 */
public record Money(long minorUnits, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        Currencies.requireSupported(currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** The plain decimal in the major unit, as the API writes it: {@code "100.00"} USD, {@code "1500"} JPY. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minorUnits, Currencies.minorDigits(currency)).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }
}
