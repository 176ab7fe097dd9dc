package dev.ledger.events.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {

    @ParameterizedTest(name = "\"{0}\" is no amount")
    @NullAndEmptySource
    @ValueSource(strings = {"1e3", "-1.00", "+1.00", " 1.00", "1.", ".5", "abc", "1,00"})
    void anythingButAPlainDecimalIsNoAmount(String literal) {
        assertThatThrownBy(() -> Amount.parse(literal))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must be a plain decimal string such as \"10.00\"");
    }

    @ParameterizedTest(name = "\"{0}\" is no amount to move")
    @ValueSource(strings = {"0", "0.00", "0.0"})
    void zeroIsNoAmountToMove(String literal) {
        assertThatThrownBy(() -> Amount.parse(literal))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must be greater than zero");
    }

    @Test
    void theScaleTheClientWroteIsKeptUntilACurrencyJudgesIt() {
        assertThat(Amount.parse("1.000")).hasToString("1.000");
        assertThat(Amount.parse("1.50").in("USD")).isEqualTo(Money.of(150, "USD"));
        assertThatThrownBy(() -> Amount.parse("1.000").in("USD"))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("USD allows at most 2 decimal places");
        assertThatThrownBy(() -> Amount.parse("92233720368547758.08").in("USD"))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("is too large");
    }

    @Test
    void moneyBecomesTheAmountOfItsMinorUnitsAndBackUnchanged() {
        Money money = Money.of(1_005, "BHD");
        assertThat(Amount.of(money)).hasToString("1.005");
        assertThat(Amount.of(money).in("BHD")).isEqualTo(money);
        assertThat(Amount.of(Money.of(1_500, "JPY"))).hasToString("1500");
    }
}
