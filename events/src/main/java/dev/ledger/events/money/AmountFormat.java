package dev.ledger.events.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads amounts exactly as the API writes them (API.md §1): a plain decimal string in the major unit
 * whose scale does not exceed the currency's minor digits. The literal is judged, not its value:
 * {@code "1.0"} JPY is refused although it equals 1.
 */
public final class AmountFormat {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private AmountFormat() {
    }

    /** Parses a strictly positive command amount, or throws {@link InvalidAmountException} saying why. */
    public static Money parsePositive(String literal, String currency) {
        Money money = parse(literal, currency);
        if (!money.isPositive()) {
            throw new InvalidAmountException("must be greater than zero");
        }
        return money;
    }

    public static Money parse(String literal, String currency) {
        return money(plainDecimal(literal), currency);
    }

    /** The literal's decimal, scale kept; only the digits of a plain decimal are read, never a sign or an exponent. */
    static BigDecimal plainDecimal(String literal) {
        if (literal == null || !PLAIN_DECIMAL.matcher(literal).matches()) {
            throw new InvalidAmountException("must be a plain decimal string such as \"10.00\"");
        }
        return new BigDecimal(literal);
    }

    /** The decimal as money of the currency: its scale must fit the currency's minor digits, its size a long. */
    static Money money(BigDecimal decimal, String currency) {
        int digits = Currencies.minorDigits(currency);
        if (decimal.scale() > digits) {
            throw new InvalidAmountException(currency + " allows at most " + digits + " decimal place"
                    + (digits == 1 ? "" : "s"));
        }
        try {
            long minor = decimal.movePointRight(digits).longValueExact();
            return new Money(minor, currency);
        } catch (ArithmeticException tooLarge) {
            throw new InvalidAmountException("is too large");
        }
    }

    /** An amount that does not follow the API's rules; the message completes "amount ...". */
    public static final class InvalidAmountException extends IllegalArgumentException {
        public InvalidAmountException(String message) {
            super(message);
        }
    }
}
