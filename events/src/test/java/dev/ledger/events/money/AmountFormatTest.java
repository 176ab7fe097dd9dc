package dev.ledger.events.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The amount rules of API.md §1: the literal is judged, never rounded, never reinterpreted. */
class AmountFormatTest {

    @Nested
    class AcceptedLiterals {

        @ParameterizedTest(name = "\"{0}\" {1} is {2} minor units")
        @CsvSource({
                "100.00,      USD, 10000",
                "100,         USD, 10000",
                "100.5,       USD, 10050",
                "0.01,        USD, 1",
                "1500,        JPY, 1500",
                "1.005,       BHD, 1005",
                "1.5,         BHD, 1500",
                "42,          CRD, 42",
                "92233720368547758.07, USD, 9223372036854775807",
                "9223372036854775807,  JPY, 9223372036854775807",
        })
        void aPlainDecimalWithinTheCurrencyScaleIsReadExactly(String literal, String currency, long minorUnits) {
            assertThat(AmountFormat.parsePositive(literal, currency)).isEqualTo(new Money(minorUnits, currency));
        }

        @Test
        void theParsedAmountKeepsItsCurrency() {
            assertThat(AmountFormat.parsePositive("1500", "JPY").currency()).isEqualTo("JPY");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "0.0"})
        void zeroIsAValidAmountButNotAValidCommandAmount(String literal) {
            assertThat(AmountFormat.parse(literal, "USD")).isEqualTo(Money.zero("USD"));
            assertThatThrownBy(() -> AmountFormat.parsePositive(literal, "USD"))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage("must be greater than zero");
        }
    }

    @Nested
    class ScaleIsJudgedOnTheLiteral {

        @ParameterizedTest(name = "\"{0}\" {1} is refused")
        @CsvSource({
                "1.005,  USD",
                "1.000,  USD",
                "0.001,  USD",
                "1.0,    JPY",
                "1500.0, JPY",
                "1.0000, BHD",
                "1.0,    CRD",
        })
        void moreDecimalsThanTheCurrencyHasIsRefusedNeverRounded(String literal, String currency) {
            assertThatThrownBy(() -> AmountFormat.parsePositive(literal, currency))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessageContaining(currency + " allows at most " + Currencies.minorDigits(currency));
        }

        @Test
        void theScaleMessageNamesTheCurrencyAndItsDigits() {
            assertThatThrownBy(() -> AmountFormat.parse("1.005", "USD"))
                    .hasMessage("USD allows at most 2 decimal places");
            assertThatThrownBy(() -> AmountFormat.parse("1.0", "JPY"))
                    .hasMessage("JPY allows at most 0 decimal places");
        }
    }

    @Nested
    class MalformedLiterals {

        @ParameterizedTest(name = "\"{0}\" is not a plain decimal")
        @NullAndEmptySource
        @ValueSource(strings = {
                "1e3", "1E3", "1.0e2",
                "-1.00", "+1.00", "-0",
                " 1.00", "1.00 ", "\t1.00", "1.00\n", "1 000", " ",
                "1.", ".5", ".",
                "1,00", "1,000.00", "1_000", "0x10",
                "abc", "NaN", "Infinity", "1.00USD", "$1.00",
                "1.2.3", "١٢", "１２",
        })
        void anythingButAPlainDecimalIsRefused(String literal) {
            assertThatThrownBy(() -> AmountFormat.parsePositive(literal, "USD"))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessageContaining("plain decimal");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1.00", "+1.00", "-0"})
        void signsAreRefusedEvenWhereTheValueCouldBeRead(String literal) {
            assertThatThrownBy(() -> AmountFormat.parse(literal, "USD")).isInstanceOf(InvalidAmountException.class);
        }

        @Test
        void anInvalidAmountIsAnIllegalArgument() {
            assertThatThrownBy(() -> AmountFormat.parse("1e3", "USD")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Overflow {

        @ParameterizedTest(name = "\"{0}\" {1} does not fit in a long of minor units")
        @CsvSource({
                "92233720368547758.08,    USD",
                "92233720368547759,       USD",
                "9223372036854775808,     JPY",
                "9223372036854775.808,    BHD",
                "99999999999999999999999, CRD",
                "100000000000000000000000000000000000000000.00, USD",
        })
        void anAmountBeyondLongMinorUnitsIsRefused(String literal, String currency) {
            assertThatThrownBy(() -> AmountFormat.parsePositive(literal, currency))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage("is too large");
        }

        @Test
        void theLargestAmountThatFitsIsAccepted() {
            assertThat(AmountFormat.parse("9223372036854775.807", "BHD").minorUnits()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class UnsupportedCurrencyInAnAmount {

        @Test
        void anAmountInAnUnknownCurrencyIsRefused() {
            assertThatThrownBy(() -> AmountFormat.parse("1.00", "ABC"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsupported currency ABC");
        }
    }

    @Nested
    class SupportedCurrencies {

        @ParameterizedTest(name = "{0} has {1} minor digits")
        @CsvSource({"USD, 2", "EUR, 2", "GBP, 2", "JPY, 0", "BHD, 3", "KWD, 3", "CRD, 0"})
        void minorDigitsFollowIso4217AndCreditsAreWhole(String code, int digits) {
            assertThat(Currencies.isSupported(code)).isTrue();
            assertThat(Currencies.minorDigits(code)).isEqualTo(digits);
        }

        @ParameterizedTest(name = "\"{0}\" is not a currency the ledger holds")
        @NullAndEmptySource
        @ValueSource(strings = {"usd", "Usd", "XXX", "ABC", "XAU", "XDR", "US", "USDD", " USD", "crd"})
        void anythingElseIsUnsupported(String code) {
            assertThat(Currencies.isSupported(code)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"usd", "XXX", "ABC"})
        void askingTheDigitsOfAnUnsupportedCodeFails(String code) {
            assertThatThrownBy(() -> Currencies.minorDigits(code))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported currency " + code);
        }

        @Test
        void theListedCodesAreExactlyTheSupportedOnes() {
            assertThat(Currencies.codes()).contains("USD", "EUR", "JPY", "BHD", "CRD").doesNotContain("XXX", "XAU");
            assertThat(Currencies.codes()).allSatisfy(code -> assertThat(Currencies.isSupported(code)).isTrue());
        }
    }
}
