package dev.ledger.events.money;

import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount a command asks to move: a positive decimal in the major unit, kept with the scale the client wrote
 * ({@code "1.00"} stays two places). It has no currency yet: only the wallet knows its currency, and so whether that
 * scale fits — {@link #in(String)} decides, where the currency is known. Its JSON is the decimal string of API.md §1.
 */
public record Amount(BigDecimal value) {

    public Amount {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new InvalidAmountException("must be greater than zero");
        }
    }

    /** Reads the API's amount literal, or throws {@link InvalidAmountException} saying why (the message completes "amount ..."). */
    public static Amount parse(String literal) {
        return new Amount(AmountFormat.plainDecimal(literal));
    }

    /** The amount of some money an aggregate already holds, to ask another aggregate to move it. */
    public static Amount of(Money money) {
        return new Amount(BigDecimal.valueOf(money.minorUnits(), Currencies.minorDigits(money.currency())));
    }

    /**
     * This amount as money of the currency, refused (not rounded) when it has more decimals than the currency, or
     * more minor units than the ledger holds.
     */
    public Money in(String currency) {
        return AmountFormat.money(value, currency);
    }

    /** The plain decimal as written: {@code "10.00"}. */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
