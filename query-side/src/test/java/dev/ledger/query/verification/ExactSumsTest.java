package dev.ledger.query.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletOpened;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, defect 7: a currency's totals past 2^63 − 1 minor units are summed exactly, so a ledger that holds that
 * much verifies, and a total that really is off is reported with its exact figures.
 */
class ExactSumsTest {

    private static final long MAX = Long.MAX_VALUE;
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final BigInteger TWO_MAX = BigInteger.valueOf(MAX).multiply(BigInteger.TWO);

    private final Mismatches mismatches = new Mismatches();
    private final ModelReplay replay = new ModelReplay(null, mismatches);
    private long position;

    /** Two wallets full to the brim: one currency holding 2 × (2^63 − 1) minor units. */
    private LedgerModel twoFullWallets() {
        open("a");
        open("b");
        event("a", 1, new MoneyDeposited("a", "a1", Money.of(MAX, "USD"), null, AT));
        event("b", 1, new MoneyDeposited("b", "b1", Money.of(MAX, "USD"), null, AT));
        return replay.model();
    }

    @Test
    void balancesPastTheLongRangeAddUpExactly() {
        LedgerModel model = twoFullWallets();

        assertThat(model.balanceTotals()).containsEntry("USD", TWO_MAX);
        assertThat(model.flows.get("USD").expectedBalances()).isEqualTo(TWO_MAX);
        new Invariants(mismatches).check(model, Map.of("USD", TWO_MAX));
        assertThat(mismatches.list()).isEmpty();
    }

    @Test
    void flowsThatPassTheLongRangeOnTheWayAddUpExactly() {
        open("a");
        open("b");
        // each wallet stays in range, but the currency's deposits and withdrawals do not: 4 and 3 × (2^63 − 1)
        for (int i = 1; i <= 6; i += 2) {
            event("a", i, new MoneyDeposited("a", "d" + i, Money.of(MAX, "USD"), null, AT));
            event("a", i + 1, new MoneyWithdrawn("a", "w" + i, Money.of(MAX, "USD"), null, AT));
        }
        event("a", 7, new MoneyDeposited("a", "d7", Money.of(MAX, "USD"), null, AT));
        event("a", 8, new TransferSent("a", "t", "e8", Money.of(MAX, "USD"), "b", null, AT, true));
        LedgerModel model = replay.model();

        assertThat(model.flows.get("USD").deposits).isEqualTo(BigInteger.valueOf(MAX).multiply(BigInteger.valueOf(4)));
        assertThat(model.flows.get("USD").inFlight).isEqualTo(BigInteger.valueOf(MAX));
        assertThat(model.flows.get("USD").expectedBalances()).isZero();

        event("b", 1, new TransferReceived("b", "t", "e9", Money.of(MAX, "USD"), "a", null, AT));

        assertThat(model.flows.get("USD").inFlight).isZero();
        new Invariants(mismatches).check(model, Map.of("USD", BigInteger.valueOf(MAX)));
        assertThat(mismatches.list()).isEmpty();
    }

    @Test
    void aReadModelTotalThatIsOffIsReportedWithExactFigures() {
        LedgerModel model = twoFullWallets();
        BigInteger oneTooMany = TWO_MAX.add(BigInteger.ONE);

        new Invariants(mismatches).check(model, Map.of("USD", oneTooMany));

        assertThat(mismatches.list()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("invariant");
            assertThat(m.aggregate()).isEqualTo("USD");
            assertThat(m.field()).endsWith("= Σ wallet_view.balance");
            assertThat(m.expected()).isEqualTo("18446744073709551614");
            assertThat(m.found()).isEqualTo("18446744073709551615");
        });
    }

    @Test
    void eachCurrencyIsSummedOnItsOwn() {
        twoFullWallets();
        replay.replay(new WalletOpened("y", "owner", "JPY", null, AT), "y", 0, ++position);
        replay.replay(new MoneyDeposited("y", "y1", Money.of(7, "JPY"), null, AT), "y", 1, ++position);

        new Invariants(mismatches).check(replay.model(), Map.of("USD", TWO_MAX, "JPY", BigInteger.valueOf(7)));

        assertThat(mismatches.list()).isEmpty();
    }

    private void open(String wallet) {
        event(wallet, 0, new WalletOpened(wallet, "owner-" + wallet, "USD", null, AT));
    }

    private void event(String aggregate, long sequence, Object event) {
        replay.replay(event, aggregate, sequence, ++position);
    }
}
