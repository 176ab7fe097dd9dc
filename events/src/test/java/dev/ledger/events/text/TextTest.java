package dev.ledger.events.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.events.money.Amount;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.OpenWalletCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text rule of API.md §1: what a client writes is stored forever, so it must be storable everywhere. */
class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "main", "Ünïcödé ✓", "日本語のラベル", "\uD83D\uDE00 an emoji is a surrogate pair",
            "tab-free, but 'quotes', \"double quotes\", \\ and / are fine"})
    void wellFormedTextWithoutControlCharactersIsAccepted(String value) {
        assertThat(Text.problem(value)).isEmpty();
    }

    @Test
    void nullIsNoText() {
        assertThat(Text.problem(null)).isEmpty();
        assertThat(Text.identifierProblem(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\u0000y", "\u0001", "line\nbreak", "carriage\rreturn", "\ttab", "\u001F", "del\u007F"})
    void controlCharactersAreRefused(String value) {
        assertThat(Text.problem(value)).contains("must not contain control characters (U+0000 to U+001F, U+007F)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "x\uDC00y", "\uDE00\uD83D", "end\uD83D", "\uD83D\uD83D\uDE00"})
    void aLoneSurrogateIsMalformed(String value) {
        assertThat(Text.problem(value)).contains("must be well-formed Unicode (a lone surrogate is not)");
    }

    @Test
    void atMost255CharactersCountedAsUtf16CodeUnits() {
        assertThat(Text.problem("a".repeat(255))).isEmpty();
        assertThat(Text.problem("a".repeat(256))).contains("must be at most 255 characters");
        // an emoji is two code units: the embedded H2 counts it so, and its columns hold 255
        assertThat(Text.problem("\uD83D\uDE00".repeat(127))).isEmpty();
        assertThat(Text.problem("\uD83D\uDE00".repeat(128))).contains("must be at most 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u00A0\u2003"})
    void anIdentifierIsNeverBlank(String value) {
        assertThat(Text.identifierProblem(value)).contains("must not be blank");
    }

    @Test
    void anIdentifierFollowsTheTextRuleToo() {
        assertThat(Text.identifierProblem("user\u0000")).isPresent();
        assertThat(Text.identifierProblem("alice")).isEmpty();
    }

    @Test
    void aCommandCarryingBadTextCannotBeBuilt() {
        assertThatThrownBy(() -> new DepositMoneyCommand("w", "e", Amount.parse("1.00"), "x\u0000y", null))
                .isInstanceOfSatisfying(LedgerException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(refused.extensions().get("errors")).isEqualTo(List.of(new FieldError("reference",
                            "must not contain control characters (U+0000 to U+001F, U+007F)")));
                });
        assertThatThrownBy(() -> new OpenWalletCommand("w", " ", "USD", null, null))
                .isInstanceOf(LedgerException.class).hasMessage("ownerId must not be blank");
        assertThatThrownBy(() -> new OpenWalletCommand("w", "alice", "USD", "\uD800", null))
                .isInstanceOf(LedgerException.class).hasMessageStartingWith("label ");
    }
}
