package dev.ledger.query.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ledger.events.audit.VerificationMismatch;
import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.money.Money;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletOpened;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fresh model and what single events contradict, as plain objects: no database, no serializer. */
class ModelReplayTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final Mismatches mismatches = new Mismatches();
    private final ModelReplay replay = new ModelReplay(null, mismatches);
    private long position;

    @Test
    void aWalletsEventsBuildItsStateAndJournal() {
        event("w", 0, new WalletOpened("w", "alice", "USD", "main", AT));
        event("w", 1, new MoneyDeposited("w", "e1", usd(10_000), null, AT));
        event("w", 2, new HoldPlaced("w", "h", "e2", usd(2_500), null, AT, AT));
        event("w", 3, new HoldCaptured("w", "h", "e3", usd(1_000), usd(1_500), AT));
        event("w", 4, new MoneyWithdrawn("w", "e4", usd(500), null, AT));

        LedgerModel.Wallet wallet = replay.model().wallets.get("w");
        assertThat(wallet.balance).isEqualTo(8_500);
        assertThat(wallet.held).isZero();
        assertThat(wallet.version).isEqualTo(5);
        assertThat(wallet.entries.get(3L)).isEqualTo(new LedgerModel.Entry("e3", EntryType.HOLD_CAPTURED, 1_000L,
                9_000, 0));
        assertThat(replay.model().holds.get("h").status).isEqualTo(HoldStatus.CAPTURED);
        assertThat(replay.model().eventsChecked).isEqualTo(5);
        assertThat(mismatches.list()).isEmpty();
    }

    @Test
    void aSkippedSequenceNumberIsReportedAtItsPosition() {
        event("w", 0, new WalletOpened("w", "alice", "USD", null, AT));
        event("w", 2, new MoneyDeposited("w", "e2", usd(1), null, AT));

        assertThat(mismatches.list()).extracting(VerificationMismatch::kind, VerificationMismatch::expected,
                VerificationMismatch::found, VerificationMismatch::position).containsExactly(
                tuple("sequence", "1", "2", 2L));
    }

    @Test
    void anEventOfAWalletNeverOpenedIsReported() {
        event("ghost", 0, new MoneyDeposited("ghost", "e", usd(1), null, AT));

        assertThat(mismatches.list()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("sequence");
            assertThat(m.aggregate()).isEqualTo("ghost");
            assertThat(m.found()).isEqualTo("no such wallet");
        });
    }

    @Test
    void availableBelowZeroIsReportedOnceAtTheEventThatCausedIt() {
        event("w", 0, new WalletOpened("w", "alice", "USD", null, AT));
        event("w", 1, new MoneyWithdrawn("w", "e1", usd(100), null, AT));
        event("w", 2, new MoneyWithdrawn("w", "e2", usd(100), null, AT));

        assertThat(mismatches.list()).extracting(VerificationMismatch::field, VerificationMismatch::found,
                VerificationMismatch::position).containsExactly(tuple("available >= 0", "-100", 2L));
    }

    @Test
    void aHoldEndsOnce() {
        event("w", 0, new WalletOpened("w", "alice", "USD", null, AT));
        event("w", 1, new MoneyDeposited("w", "e1", usd(100), null, AT));
        event("w", 2, new HoldPlaced("w", "h", "e2", usd(40), null, AT, AT));
        event("w", 3, new HoldVoided("w", "h", "e3", usd(40), AT));
        event("w", 4, new HoldVoided("w", "h", "e4", usd(40), AT));

        assertThat(mismatches.list()).extracting(VerificationMismatch::field, VerificationMismatch::found,
                VerificationMismatch::position).contains(tuple("hold ends once", "VOIDED", 5L));
    }

    @Test
    void aReleasedEscrowNeedsTheBuyersCapturedHoldAndTheSellersPayment() {
        event("buyer", 0, new WalletOpened("buyer", "alice", "USD", null, AT));
        event("seller", 0, new WalletOpened("seller", "bob", "USD", null, AT));
        event("buyer", 1, new MoneyDeposited("buyer", "d", usd(100), null, AT));
        event("x", 0, new EscrowCreated("x", "alice", "bob", "buyer", "seller", usd(60), 60, null, AT));
        event("buyer", 2, new HoldPlaced("buyer", "h", "e2", usd(60), null, AT, AT));
        event("x", 1, new EscrowFunded("x", "h", AT, AT));
        event("buyer", 3, new HoldCaptured("buyer", "h", "e3", usd(60), usd(0), AT));
        event("seller", 1, new EscrowPaymentReceived("seller", "x", "p", usd(60), "buyer", AT));
        event("x", 2, new EscrowReleased("x", AT));
        LedgerModel model = replay.model();

        new Invariants(mismatches).check(model, Map.of("USD", BigInteger.valueOf(100)));
        assertThat(mismatches.list()).isEmpty();

        model.escrowPayments.put("x", BigInteger.valueOf(59));
        new Invariants(mismatches).check(model, Map.of("USD", BigInteger.valueOf(100)));
        assertThat(mismatches.list()).extracting(VerificationMismatch::aggregate, VerificationMismatch::field)
                .containsExactly(tuple("x", "released escrow: seller received the amount"));
    }

    @Test
    void aTransactionMovesMoneyBetweenItsWalletsAndConservesIt() {
        event("a", 0, new WalletOpened("a", "alice", "USD", null, AT));
        event("a", 1, new MoneyDeposited("a", "e1", usd(1_000), null, AT));
        event("b", 0, new WalletOpened("b", "bob", "USD", null, AT));
        event("c", 0, new WalletOpened("c", "carol", "USD", null, AT));
        event("a", 2, new TransactionDebited("a", "t", "e2", usd(1_000), null, AT));
        event("b", 1, new TransactionCredited("b", "t", "e3", usd(950), null, AT));
        event("c", 1, new TransactionCredited("c", "t", "e4", usd(50), null, AT));
        event("t", 0, new TransactionPosted("t", "USD", List.of(
                new PostedLeg("a", "alice", LegDirection.DEBIT, usd(1_000)),
                new PostedLeg("b", "bob", LegDirection.CREDIT, usd(950)),
                new PostedLeg("c", "carol", LegDirection.CREDIT, usd(50))), null, Map.of(), null, AT));

        LedgerModel model = replay.model();
        assertThat(model.wallets.get("b").entries.get(1L)).isEqualTo(new LedgerModel.Entry("e3",
                EntryType.TRANSACTION_CREDITED, 950L, 950, 0));
        new Invariants(mismatches).check(model, Map.of("USD", BigInteger.valueOf(1_000)));
        assertThat(mismatches.list()).isEmpty();
    }

    @Test
    void aTransactionWhoseLegsWereNotAllBookedIsReported() {
        event("a", 0, new WalletOpened("a", "alice", "USD", null, AT));
        event("a", 1, new MoneyDeposited("a", "e1", usd(1_000), null, AT));
        event("b", 0, new WalletOpened("b", "bob", "USD", null, AT));
        event("a", 2, new TransactionDebited("a", "t", "e2", usd(1_000), null, AT));
        event("t", 0, new TransactionPosted("t", "USD", List.of(
                new PostedLeg("a", "alice", LegDirection.DEBIT, usd(1_000)),
                new PostedLeg("b", "bob", LegDirection.CREDIT, usd(1_000))), null, Map.of(), null, AT));

        new Invariants(mismatches).check(replay.model(), Map.of("USD", BigInteger.ZERO));

        assertThat(mismatches.list()).extracting(VerificationMismatch::aggregate)
                .contains("t");
    }

    private static Money usd(long minorUnits) {
        return Money.of(minorUnits, "USD");
    }

    private void event(String aggregate, long sequence, Object event) {
        replay.replay(event, aggregate, sequence, ++position);
    }
}
