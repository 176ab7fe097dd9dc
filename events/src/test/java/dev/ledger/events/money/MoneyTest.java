package dev.ledger.events.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @Test
    void moneyExistsOnlyInASupportedCurrency() {
        assertThatThrownBy(() -> new Money(100, "ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(100, "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(100, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void amountsOfOneCurrencyAddAndSubtractExactly() {
        Money ten = Money.of(1000, "USD");
        Money threeFifty = Money.of(350, "USD");

        assertThat(ten.plus(threeFifty)).isEqualTo(Money.of(1350, "USD"));
        assertThat(ten.minus(threeFifty)).isEqualTo(Money.of(650, "USD"));
        assertThat(threeFifty.minus(ten)).isEqualTo(Money.of(-650, "USD"));
    }

    @Test
    void moneyNeverCrossesCurrencies() {
        Money dollars = Money.of(100, "USD");
        Money euros = Money.of(100, "EUR");

        assertThatThrownBy(() -> dollars.plus(euros)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD").hasMessageContaining("EUR");
        assertThatThrownBy(() -> dollars.minus(euros)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dollars.compareTo(euros)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dollars.isGreaterThan(euros)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticNeverWraps() {
        Money max = Money.of(Long.MAX_VALUE, "USD");
        Money min = Money.of(Long.MIN_VALUE, "USD");

        assertThatThrownBy(() -> max.plus(Money.of(1, "USD"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(Money.of(1, "USD"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void comparisonIsByMinorUnits() {
        Money one = Money.of(100, "USD");
        Money two = Money.of(200, "USD");

        assertThat(two.isGreaterThan(one)).isTrue();
        assertThat(one.isGreaterThan(two)).isFalse();
        assertThat(one.isGreaterThan(Money.of(100, "USD"))).isFalse();
        assertThat(one.compareTo(Money.of(100, "USD"))).isZero();
    }

    @Test
    void signIsKnown() {
        assertThat(Money.of(1, "JPY").isPositive()).isTrue();
        assertThat(Money.zero("JPY").isPositive()).isFalse();
        assertThat(Money.zero("JPY").isZero()).isTrue();
        assertThat(Money.of(-1, "JPY").isPositive()).isFalse();
        assertThat(Money.of(-1, "JPY").isZero()).isFalse();
    }

    @ParameterizedTest(name = "{0} minor units of {1} read \"{2}\"")
    @CsvSource({
            "10000, USD, 100.00",
            "1,     USD, 0.01",
            "0,     USD, 0.00",
            "-150,  USD, -1.50",
            "1500,  JPY, 1500",
            "1005,  BHD, 1.005",
            "42,    CRD, 42",
            "9223372036854775807, USD, 92233720368547758.07",
    })
    void itIsWrittenAsThePlainDecimalOfTheApi(long minorUnits, String currency, String expected) {
        assertThat(Money.of(minorUnits, currency).toDecimalString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"100.00, USD", "0.01, USD", "1500, JPY", "1.005, BHD", "42, CRD", "92233720368547758.07, USD"})
    void aWrittenAmountReadsBackToTheSameMoney(String literal, String currency) {
        Money money = AmountFormat.parse(literal, currency);

        assertThat(money.toDecimalString()).isEqualTo(literal);
        assertThat(AmountFormat.parse(money.toDecimalString(), currency)).isEqualTo(money);
    }

    @Test
    void toStringShowsAmountAndCurrency() {
        assertThat(Money.of(10050, "USD")).hasToString("100.50 USD");
    }
}
