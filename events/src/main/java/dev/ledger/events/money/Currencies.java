package dev.ledger.events.money;

import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The currencies the ledger keeps: ISO 4217 alphabetic codes with a defined number of minor digits,
 * plus {@value #CREDITS}, the unit of prepaid usage credits.
 */
public final class Currencies {

    /** Prepaid usage credits: whole units only. */
    public static final String CREDITS = "CRD";

    private static final Map<String, Integer> MINOR_DIGITS = build();

    private Currencies() {
    }

    public static boolean isSupported(String code) {
        return code != null && MINOR_DIGITS.containsKey(code);
    }

    public static int minorDigits(String code) {
        Integer digits = MINOR_DIGITS.get(code);
        if (digits == null) {
            throw new IllegalArgumentException("unsupported currency " + code);
        }
        return digits;
    }

    static void requireSupported(String code) {
        minorDigits(code);
    }

    public static Set<String> codes() {
        return MINOR_DIGITS.keySet();
    }

    private static Map<String, Integer> build() {
        // Funds, metals and test codes (XAU, XXX, ...) have no minor unit (-1): they are not money we hold.
        Map<String, Integer> digits = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0)
                .collect(Collectors.toMap(Currency::getCurrencyCode, Currency::getDefaultFractionDigits,
                        (a, b) -> a, TreeMap::new));
        digits.put(CREDITS, 0);
        return Map.copyOf(digits);
    }
}
