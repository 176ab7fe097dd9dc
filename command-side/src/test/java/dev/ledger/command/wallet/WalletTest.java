package dev.ledger.command.wallet;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static dev.ledger.command.LedgerErrorMatchers.validationFailedOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.FreezeWalletCommand;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.OpenWalletCommand;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.UnfreezeWalletCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WalletTest {

    private static final String WALLET = "wallet-1";
    private static final String OWNER = "alice";
    private static final String ENTRY = "entry-1";

    private static final Instant OPENED_AT = Instant.parse("2025-01-01T09:00:00Z");
    private static final Instant EARLIER = Instant.parse("2025-02-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static final String HOLD = "hold-1";
    private static final String OTHER_HOLD = "hold-2";
    private static final String HOLD_REF = "order-7";
    /** When the holds given as events expire: still ten minutes away at {@link #NOW}. */
    private static final Instant HOLD_EXPIRES_AT = NOW.plusSeconds(600);

    private static final Actor ADMIN = Actor.admin("admin:1");
    private static final Actor OWNER_CLIENT = Actor.client(OWNER);
    private static final Actor STRANGER = Actor.client("bob");
    private static final Actor AUDITOR = new Actor("auditor:1", Role.AUDITOR, null);

    private FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Nested
    class Opening {

        @Test
        void openingAWalletStartsItActiveAndEmptyAtVersionOne() {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, OWNER, "USD", "Groceries", OWNER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WalletOpened(WALLET, OWNER, "USD", "Groceries", NOW))
                    .expectResultMessagePayload(new WalletView(WALLET, OWNER, "USD", "Groceries",
                            WalletStatus.ACTIVE, usd(0), usd(0), usd(0), 1, NOW, NOW));
        }

        @Test
        void anAdminOpensAWalletForAnOwnerWithoutALabel() {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, OWNER, "JPY", null, ADMIN))
                    .expectEvents(new WalletOpened(WALLET, OWNER, "JPY", null, NOW))
                    .expectResultMessagePayload(new WalletView(WALLET, OWNER, "JPY", null, WalletStatus.ACTIVE,
                            money(0, "JPY"), money(0, "JPY"), money(0, "JPY"), 1, NOW, NOW));
        }

        @Test
        void aCreditsWalletCanBeOpened() {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, OWNER, "CRD", "usage", ADMIN))
                    .expectEvents(new WalletOpened(WALLET, OWNER, "CRD", "usage", NOW));
        }

        @ParameterizedTest(name = "currency \"{0}\" is refused")
        @NullAndEmptySource
        @ValueSource(strings = {"usd", "XXX", "ABC", "XAU", "US", "EURO"})
        void openingInAnUnsupportedCurrencyIsRejected(String currency) {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, OWNER, currency, null, ADMIN))
                    .expectException(validationFailedOn("currency"))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotOpenAWallet() {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, OWNER, "USD", null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void aClientCannotOpenAWalletForSomeoneElse() {
            fixture.givenNoPriorActivity()
                    .when(new OpenWalletCommand(WALLET, "bob", "USD", null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Nested
    class Depositing {

        @Test
        void anAdminTopsUpAWallet() {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), "top-up 1", ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(10000), "top-up 1", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(10000),
                            usd(10000), usd(0), usd(10000), 2, NOW));
        }

        @Test
        void depositsAddUpAndTheVersionCountsEveryEvent() {
            fixture.given(opened(), deposited(5000), withdrawn(1000))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("25.5"), null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(2550), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(2550),
                            usd(6550), usd(0), usd(6550), 4, NOW));
        }

        @Test
        void theOwnerCannotTopUpTheirOwnWallet() {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotDeposit() {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletStillReceivesDeposits() {
            fixture.given(opened(), deposited(100), frozen())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(100), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(100),
                            usd(200), usd(0), usd(200), 4, NOW));
        }

        @Test
        void aClosedWalletRefusesDeposits() {
            fixture.given(opened(), closed())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "deposit of \"{0}\" USD is refused")
        @ValueSource(strings = {"1.005", "1.000", "92233720368547758.08"})
        void aBadAmountLiteralIsRejected(String amount) {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse(amount), null, ADMIN))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void theWalletsCurrencyDecidesTheScale() {
            fixture.given(opened("BHD"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.005"), null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, money(1005, "BHD"), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED,
                            money(1005, "BHD"), money(1005, "BHD"), money(0, "BHD"), money(1005, "BHD"), 2, NOW));
        }

        @Test
        void yenAreWhole() {
            fixture.given(opened("JPY"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1500"), null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, money(1500, "JPY"), null, NOW));
        }

        @Test
        void aYenLiteralWithADecimalPlaceIsRejectedThoughItsValueIsWhole() {
            fixture.given(opened("JPY"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.0"), null, ADMIN))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void aDepositThatWouldOverflowTheBalanceIsRejected() {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("0.01"), null, ADMIN))
                    .expectException(ledgerError(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theOwnerWithdrawsWithinAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("30.25"), "atm", OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(3025), "atm", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(3025),
                            usd(6975), usd(0), usd(6975), 3, NOW));
        }

        @Test
        void anAdminWithdrawsEverythingAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, ADMIN))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                            usd(0), usd(0), usd(0), 3, NOW));
        }

        @Test
        void withdrawingMoreThanAvailableIsRejected() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.01"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void withdrawingFromAnEmptyWalletIsRejected() {
            fixture.given(opened())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("0.01"), null, ADMIN))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void earlierWithdrawalsCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), withdrawn(6000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("40.01"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotWithdraw() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletRefusesWithdrawals() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                    .expectNoEvents();
        }

        @Test
        void anUnfrozenWalletPaysOutAgain() {
            fixture.given(opened(), deposited(10000), frozen(), unfrozen())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(100), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(100),
                            usd(9900), usd(0), usd(9900), 5, NOW));
        }

        @Test
        void aClosedWalletRefusesWithdrawals() {
            fixture.given(opened(), closed())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "withdrawal of \"{0}\" USD is refused")
        @ValueSource(strings = {"1.005", "1.000", "92233720368547758.08"})
        void aBadAmountLiteralIsRejectedWhateverTheFunds(String amount) {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse(amount), null, OWNER_CLIENT))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void threeDecimalsAreFineOnABahrainiDinarWallet() {
            fixture.given(new WalletOpened(WALLET, OWNER, "BHD", null, OPENED_AT),
                            new MoneyDeposited(WALLET, "dep", money(2000, "BHD"), null, EARLIER))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.005"), null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, money(1005, "BHD"), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN,
                            money(1005, "BHD"), money(995, "BHD"), money(0, "BHD"), money(995, "BHD"), 3, NOW));
        }
    }

    @Nested
    class FreezingAndUnfreezing {

        @Test
        void anAdminFreezesAnActiveWallet() {
            fixture.given(opened(), deposited(500))
                    .when(new FreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectEvents(new WalletFrozen(WALLET, ENTRY, NOW))
                    .expectResultMessagePayload(new WalletView(WALLET, OWNER, "USD", "Groceries",
                            WalletStatus.FROZEN, usd(500), usd(0), usd(500), 3, OPENED_AT, NOW));
        }

        @Test
        void anAdminUnfreezesAFrozenWallet() {
            fixture.given(opened(), frozen())
                    .when(new UnfreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectEvents(new WalletUnfrozen(WALLET, ENTRY, NOW))
                    .expectResultMessagePayload(new WalletView(WALLET, OWNER, "USD", "Groceries",
                            WalletStatus.ACTIVE, usd(0), usd(0), usd(0), 3, OPENED_AT, NOW));
        }

        @Test
        void freezingAFrozenWalletIsAnInvalidTransition() {
            fixture.given(opened(), frozen())
                    .when(new FreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "FROZEN")))
                    .expectNoEvents();
        }

        @Test
        void unfreezingAnActiveWalletIsAnInvalidTransition() {
            fixture.given(opened())
                    .when(new UnfreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "ACTIVE")))
                    .expectNoEvents();
        }

        @Test
        void aClosedWalletCannotBeFrozen() {
            fixture.given(opened(), closed())
                    .when(new FreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @Test
        void aClosedWalletCannotBeUnfrozen() {
            fixture.given(opened(), closed())
                    .when(new UnfreezeWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} may not freeze")
        @MethodSource("dev.ledger.command.wallet.WalletTest#nonAdmins")
        void onlyAnAdminFreezes(String who, Actor actor) {
            fixture.given(opened())
                    .when(new FreezeWalletCommand(WALLET, ENTRY, actor))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} may not unfreeze")
        @MethodSource("dev.ledger.command.wallet.WalletTest#nonAdmins")
        void onlyAnAdminUnfreezes(String who, Actor actor) {
            fixture.given(opened(), frozen())
                    .when(new UnfreezeWalletCommand(WALLET, ENTRY, actor))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Nested
    class Closing {

        @Test
        void theOwnerClosesAnEmptyWallet() {
            fixture.given(opened())
                    .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                    .expectEvents(new WalletClosed(WALLET, ENTRY, NOW))
                    .expectResultMessagePayload(new WalletView(WALLET, OWNER, "USD", "Groceries",
                            WalletStatus.CLOSED, usd(0), usd(0), usd(0), 2, OPENED_AT, NOW));
        }

        @Test
        void anAdminClosesAWalletWhoseMoneyWasAllWithdrawn() {
            fixture.given(opened(), deposited(700), withdrawn(700))
                    .when(new CloseWalletCommand(WALLET, ENTRY, ADMIN))
                    .expectEvents(new WalletClosed(WALLET, ENTRY, NOW))
                    .expectResultMessagePayloadMatching(walletView(WalletStatus.CLOSED, 0, 4));
        }

        @Test
        void aWalletWithMoneyCannotBeClosed() {
            fixture.given(opened(), deposited(1))
                    .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_EMPTY))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotClose() {
            fixture.given(opened())
                    .when(new CloseWalletCommand(WALLET, ENTRY, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void closingAClosedWalletIsAnInvalidTransition() {
            fixture.given(opened(), closed())
                    .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }
    }

    @Nested
    class Holds {

        /** The fixture's deadline time set to the wallet's fixed clock, so scheduled durations count from NOW. */
        private TestExecutor<Wallet> givenAtNow(Object... events) {
            return fixture.given(events).andGivenCurrentTime(NOW);
        }

        private PlaceHoldCommand place(String holdId, String amount, long expiresInSeconds) {
            return new PlaceHoldCommand(WALLET, holdId, "place-" + holdId, Amount.parse(amount), expiresInSeconds,
                    HOLD_REF, OWNER_CLIENT);
        }

        @Nested
        class Placing {

            @Test
            void theOwnerPlacesAHoldThatExpiresLaterAndIsScheduledToExpire() {
                givenAtNow(opened(), deposited(10000))
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("40.00"), 900, HOLD_REF, OWNER_CLIENT))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(new HoldPlaced(WALLET, HOLD, ENTRY, usd(4000), HOLD_REF,
                                NOW.plusSeconds(900), NOW))
                        .expectScheduledDeadlineWithName(Duration.ofSeconds(900), Wallet.HOLD_EXPIRY)
                        .expectScheduledDeadline(Duration.ofSeconds(900), HOLD)
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(0), HoldStatus.ACTIVE,
                                HOLD_REF, NOW.plusSeconds(900), NOW, 3));
            }

            @ParameterizedTest(name = "expiresInSeconds {0}")
            @ValueSource(longs = {1, 2_592_000})
            void anAdminHoldsEverythingAvailableForTheShortestAndLongestAllowedTime(long expiresInSeconds) {
                givenAtNow(opened(), deposited(10000), withdrawn(2500))
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("75.00"), expiresInSeconds, null, ADMIN))
                        .expectEvents(new HoldPlaced(WALLET, HOLD, ENTRY, usd(7500), null,
                                NOW.plusSeconds(expiresInSeconds), NOW))
                        .expectScheduledDeadline(Duration.ofSeconds(expiresInSeconds), HOLD)
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(7500), usd(0), HoldStatus.ACTIVE,
                                null, NOW.plusSeconds(expiresInSeconds), NOW, 4));
            }

            @Test
            void aSecondHoldFitsInWhatTheFirstLeftAvailable() {
                givenAtNow(opened(), deposited(10000), holdPlaced(OTHER_HOLD, 6000))
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("40.00"), 60, HOLD_REF, OWNER_CLIENT))
                        .expectEvents(new HoldPlaced(WALLET, HOLD, ENTRY, usd(4000), HOLD_REF, NOW.plusSeconds(60),
                                NOW))
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(0), HoldStatus.ACTIVE,
                                HOLD_REF, NOW.plusSeconds(60), NOW, 4));
            }

            @Test
            void twoHoldsCannotReserveTheSameMoney() {
                givenAtNow(opened(), deposited(10000), holdPlaced(OTHER_HOLD, 6000))
                        .when(place(HOLD, "40.01", 60))
                        .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aHoldCannotReserveMoreThanTheBalance() {
                givenAtNow(opened(), deposited(10000))
                        .when(place(HOLD, "100.01", 60))
                        .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void heldMoneyStaysInTheBalanceButCannotBeWithdrawn() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("60.00"), null, OWNER_CLIENT))
                        .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(6000), null, NOW))
                        .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(6000),
                                usd(4000), usd(4000), usd(0), 4, NOW));
            }

            @Test
            void withdrawingHeldMoneyIsRejected() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("60.01"), null, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "expiresInSeconds {0} is refused")
            @ValueSource(longs = {0, -1, 2_592_001, Long.MAX_VALUE, Long.MIN_VALUE})
            void anExpiryOutsideOneSecondToThirtyDaysIsRejected(long expiresInSeconds) {
                givenAtNow(opened(), deposited(10000))
                        .when(place(HOLD, "1.00", expiresInSeconds))
                        .expectException(validationFailedOn("expiresInSeconds"))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @ParameterizedTest(name = "hold of \"{0}\" USD is refused")
            @ValueSource(strings = {"1.005", "1.000", "92233720368547758.08"})
            void aBadAmountLiteralIsRejected(String amount) {
                givenAtNow(opened(), deposited(10000))
                        .when(place(HOLD, amount, 60))
                        .expectException(validationFailedOn("amount"))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aFrozenWalletRefusesHolds() {
                givenAtNow(opened(), deposited(10000), frozen())
                        .when(place(HOLD, "1.00", 60))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aClosedWalletRefusesHolds() {
                givenAtNow(opened(), closed())
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("1.00"), 60, null, ADMIN))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                        .expectNoEvents();
            }

            @Test
            void aStrangerIsToldTheWalletDoesNotExistWhateverTheRequest() {
                givenAtNow(opened(), deposited(10000))
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("1.005"), 0, null, STRANGER))
                        .expectException(ledgerError(ErrorCode.NOT_FOUND))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anAuditorCannotPlaceAHold() {
                givenAtNow(opened(), deposited(10000))
                        .when(new PlaceHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("1.00"), 60, null, AUDITOR))
                        .expectException(ledgerError(ErrorCode.FORBIDDEN))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }
        }

        @Nested
        class Capturing {

            @Test
            void theOwnerCapturesAHoldInFull() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, OWNER_CLIENT))
                        .expectEvents(new HoldCaptured(WALLET, HOLD, ENTRY, usd(4000), usd(0), NOW))
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(4000),
                                HoldStatus.CAPTURED, HOLD_REF, HOLD_EXPIRES_AT, EARLIER, 4));
            }

            @Test
            void anAdminCapturesPartOfAHoldAndTheRestIsReleased() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("15.00"), ADMIN))
                        .expectEvents(new HoldCaptured(WALLET, HOLD, ENTRY, usd(1500), usd(2500), NOW))
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(1500),
                                HoldStatus.CAPTURED, HOLD_REF, HOLD_EXPIRES_AT, EARLIER, 4));
            }

            @Test
            void capturingExactlyTheHoldsAmountReleasesNothing() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("40.00"), OWNER_CLIENT))
                        .expectEvents(new HoldCaptured(WALLET, HOLD, ENTRY, usd(4000), usd(0), NOW));
            }

            @Test
            void capturingMoreThanTheHoldIsRejected() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, Amount.parse("40.01"), OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.CAPTURE_EXCEEDS_HOLD))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "capture of \"{0}\" USD is refused")
            @ValueSource(strings = {"1.005", "92233720368547758.08"})
            void aBadAmountLiteralIsRejected(String amount) {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, Amount.parse(amount), OWNER_CLIENT))
                        .expectException(validationFailedOn("amount"))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "a {0} hold cannot be captured")
            @EnumSource(value = HoldStatus.class, names = {"CAPTURED", "VOIDED", "EXPIRED"})
            void aHoldThatHasEndedCannotBeCaptured(HoldStatus outcome) {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdEnded(HOLD, 4000, outcome))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.HOLD_NOT_ACTIVE,
                                Map.of("currentState", outcome.name())))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "expiresAt NOW{0}s")
            @ValueSource(longs = {0, -1, -86_400})
            void aHoldWhoseTimeIsUpIsExpiredThoughItsDeadlineHasNotFiredYet(long secondsFromNow) {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000, NOW.plusSeconds(secondsFromNow)))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED")))
                        .expectNoEvents();
            }

            @Test
            void aHoldIsStillCapturableOneSecondBeforeItExpires() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000, NOW.plusSeconds(1)))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, OWNER_CLIENT))
                        .expectEvents(new HoldCaptured(WALLET, HOLD, ENTRY, usd(4000), usd(0), NOW));
            }

            @Test
            void anUnknownHoldIsNotFound() {
                fixture.given(opened(), deposited(10000), holdPlaced(OTHER_HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.NOT_FOUND))
                        .expectNoEvents();
            }

            @Test
            void aHoldPlacedBeforeAFreezeCanStillBeCaptured() {
                // the freeze stops new withdrawals, holds and transfers; money reserved before it is already spoken for
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), frozen())
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, ADMIN))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(new HoldCaptured(WALLET, HOLD, ENTRY, Money.of(4000, "USD"), Money.of(0, "USD"),
                                NOW));
            }

            @Test
            void aStrangerIsToldTheWalletDoesNotExist() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, STRANGER))
                        .expectException(ledgerError(ErrorCode.NOT_FOUND))
                        .expectNoEvents();
            }

            @Test
            void anAuditorCannotCapture() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new CaptureHoldCommand(WALLET, HOLD, ENTRY, null, AUDITOR))
                        .expectException(ledgerError(ErrorCode.FORBIDDEN))
                        .expectNoEvents();
            }

            @Test
            void aPartialCaptureTakesTheCapturedAmountAndFreesTheRest() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdCaptured(HOLD, 1500, 2500))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("85.00"), null, OWNER_CLIENT))
                        .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(8500), null, NOW))
                        .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(8500),
                                usd(0), usd(0), usd(0), 5, NOW));
            }

            @Test
            void afterAPartialCaptureTheCapturedMoneyIsGone() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdCaptured(HOLD, 1500, 2500))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("85.01"), null, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                        .expectNoEvents();
            }

            @Test
            void capturingOneHoldLeavesAnotherReserved() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdPlaced(OTHER_HOLD, 1000),
                                holdCaptured(HOLD, 4000, 0))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("50.00"), null, OWNER_CLIENT))
                        .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(5000), null, NOW))
                        .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(5000),
                                usd(1000), usd(1000), usd(0), 6, NOW));
            }
        }

        @Nested
        class Voiding {

            @Test
            void theOwnerVoidsAHoldAndItsWholeAmountIsReleased() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, OWNER_CLIENT))
                        .expectEvents(new HoldVoided(WALLET, HOLD, ENTRY, usd(4000), NOW))
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(0), HoldStatus.VOIDED,
                                HOLD_REF, HOLD_EXPIRES_AT, EARLIER, 4));
            }

            @Test
            void anAdminVoidsAHold() {
                fixture.given(opened(), deposited(10000), holdPlaced(OTHER_HOLD, 1000), holdPlaced(HOLD, 4000))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, ADMIN))
                        .expectEvents(new HoldVoided(WALLET, HOLD, ENTRY, usd(4000), NOW))
                        .expectResultMessagePayload(new HoldView(HOLD, WALLET, usd(4000), usd(0), HoldStatus.VOIDED,
                                HOLD_REF, HOLD_EXPIRES_AT, EARLIER, 5));
            }

            /** Voiding moves no money out (like an expiry), so a freeze does not stop it. */
            @Test
            void aHoldOnAFrozenWalletCanBeVoided() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), frozen())
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, ADMIN))
                        .expectEvents(new HoldVoided(WALLET, HOLD, ENTRY, usd(4000), NOW));
            }

            @ParameterizedTest(name = "a {0} hold cannot be voided")
            @EnumSource(value = HoldStatus.class, names = {"CAPTURED", "VOIDED", "EXPIRED"})
            void aHoldThatHasEndedCannotBeVoided(HoldStatus outcome) {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdEnded(HOLD, 4000, outcome))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.HOLD_NOT_ACTIVE,
                                Map.of("currentState", outcome.name())))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "expiresAt NOW{0}s")
            @ValueSource(longs = {0, -1})
            void aHoldWhoseTimeIsUpCannotBeVoided(long secondsFromNow) {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000, NOW.plusSeconds(secondsFromNow)))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED")))
                        .expectNoEvents();
            }

            @Test
            void anUnknownHoldIsNotFound() {
                fixture.given(opened(), deposited(10000))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.NOT_FOUND))
                        .expectNoEvents();
            }

            @Test
            void aStrangerIsToldTheWalletDoesNotExist() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, STRANGER))
                        .expectException(ledgerError(ErrorCode.NOT_FOUND))
                        .expectNoEvents();
            }

            @Test
            void anAuditorCannotVoid() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000))
                        .when(new VoidHoldCommand(WALLET, HOLD, ENTRY, AUDITOR))
                        .expectException(ledgerError(ErrorCode.FORBIDDEN))
                        .expectNoEvents();
            }

            @Test
            void voidedMoneyIsAvailableAgain() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdVoided(HOLD, 4000))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, OWNER_CLIENT))
                        .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                        .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                                usd(0), usd(0), usd(0), 5, NOW));
            }
        }

        @Nested
        class Expiring {

            @Test
            void anActiveHoldExpiresByItselfAtExpiresAt() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60))
                        .whenTimeElapses(Duration.ofSeconds(60))
                        .expectTriggeredDeadlinesWithName(Wallet.HOLD_EXPIRY)
                        .expectEvents(new HoldExpired(WALLET, HOLD, Wallet.expiryEntryId(HOLD), usd(4000), NOW));
            }

            @Test
            void nothingExpiresBeforeExpiresAt() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60))
                        .whenTimeElapses(Duration.ofSeconds(59))
                        .expectTriggeredDeadlinesWithName()
                        .expectNoEvents();
            }

            @Test
            void onlyTheHoldsWhoseTimeIsUpExpire() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60), place(OTHER_HOLD, "10.00", 120))
                        .whenTimeElapses(Duration.ofSeconds(90))
                        .expectEvents(new HoldExpired(WALLET, HOLD, Wallet.expiryEntryId(HOLD), usd(4000), NOW));
            }

            @Test
            void aHoldOnAFrozenWalletStillExpires() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60), new FreezeWalletCommand(WALLET, "freeze", ADMIN))
                        .whenTimeElapses(Duration.ofSeconds(60))
                        .expectEvents(new HoldExpired(WALLET, HOLD, Wallet.expiryEntryId(HOLD), usd(4000), NOW));
            }

            @Test
            void theDeadlineOfACapturedHoldChangesNothing() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60),
                                new CaptureHoldCommand(WALLET, HOLD, "capture", Amount.parse("10.00"), OWNER_CLIENT))
                        .whenTimeElapses(Duration.ofSeconds(60))
                        .expectTriggeredDeadlinesWithName(Wallet.HOLD_EXPIRY)
                        .expectNoEvents();
            }

            @Test
            void theDeadlineOfAVoidedHoldChangesNothing() {
                givenAtNow(opened(), deposited(10000))
                        .andGivenCommands(place(HOLD, "40.00", 60),
                                new VoidHoldCommand(WALLET, HOLD, "void", OWNER_CLIENT))
                        .whenTimeElapses(Duration.ofSeconds(60))
                        .expectTriggeredDeadlinesWithName(Wallet.HOLD_EXPIRY)
                        .expectNoEvents();
            }

            @Test
            void expiredMoneyIsAvailableAgain() {
                fixture.given(opened(), deposited(10000), holdPlaced(HOLD, 4000), holdExpired(HOLD, 4000))
                        .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, OWNER_CLIENT))
                        .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                        .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                                usd(0), usd(0), usd(0), 5, NOW));
            }

            @Test
            void theExpirysEntryIdIsDerivedFromTheHold() {
                assertEquals(Wallet.expiryEntryId(HOLD), Wallet.expiryEntryId(HOLD));
                assertNotEquals(Wallet.expiryEntryId(HOLD), Wallet.expiryEntryId(OTHER_HOLD));
            }
        }

        @Nested
        class ClosingWithHolds {

            @Test
            void aWalletWithAnActiveHoldCannotBeClosed() {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000))
                        .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_EMPTY))
                        .expectNoEvents();
            }

            /** Commands never let held exceed the balance; these given events force it, to test "no active hold". */
            @Test
            void aZeroBalanceDoesNotLetAWalletWithAnActiveHoldClose() {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000), withdrawn(4000))
                        .when(new CloseWalletCommand(WALLET, ENTRY, ADMIN))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_EMPTY))
                        .expectNoEvents();
            }

            @Test
            void anAdminCannotCloseAFrozenWalletWithAnActiveHoldEither() {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000), frozen())
                        .when(new CloseWalletCommand(WALLET, ENTRY, ADMIN))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_EMPTY))
                        .expectNoEvents();
            }

            @Test
            void aWalletWhoseHoldWasCapturedInFullClosesAtZero() {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000), holdCaptured(HOLD, 4000, 0))
                        .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                        .expectEvents(new WalletClosed(WALLET, ENTRY, NOW))
                        .expectResultMessagePayloadMatching(walletView(WalletStatus.CLOSED, 0, 5));
            }

            @Test
            void thePartOfAHoldThatWasReleasedMustStillBeWithdrawnBeforeClosing() {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000), holdCaptured(HOLD, 1500, 2500))
                        .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                        .expectException(ledgerError(ErrorCode.WALLET_NOT_EMPTY))
                        .expectNoEvents();
            }

            @ParameterizedTest(name = "after a {0} hold")
            @EnumSource(value = HoldStatus.class, names = {"VOIDED", "EXPIRED"})
            void aWalletWhoseReleasedHoldWasWithdrawnCloses(HoldStatus outcome) {
                fixture.given(opened(), deposited(4000), holdPlaced(HOLD, 4000), holdEnded(HOLD, 4000, outcome),
                                withdrawn(4000))
                        .when(new CloseWalletCommand(WALLET, ENTRY, OWNER_CLIENT))
                        .expectEvents(new WalletClosed(WALLET, ENTRY, NOW))
                        .expectResultMessagePayloadMatching(walletView(WalletStatus.CLOSED, 0, 6));
            }
        }
    }

    @Nested
    class Visibility {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.ledger.command.wallet.WalletTest#everyCommandByAStranger")
        void aClientWhoIsNotTheOwnerIsToldTheWalletDoesNotExist(String name, Object command) {
            fixture.given(opened(), deposited(10000))
                    .when(command)
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} on a {1} wallet")
        @CsvSource({"withdraw, FROZEN", "withdraw, CLOSED", "deposit, CLOSED", "close, CLOSED", "freeze, FROZEN"})
        void aStrangerLearnsNothingAboutTheWalletsState(String action, WalletStatus status) {
            Object lifecycle = status == WalletStatus.FROZEN ? frozen() : closed();
            Object command = switch (action) {
                case "withdraw" -> new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, STRANGER);
                case "deposit" -> new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, STRANGER);
                case "close" -> new CloseWalletCommand(WALLET, ENTRY, STRANGER);
                case "freeze" -> new FreezeWalletCommand(WALLET, ENTRY, STRANGER);
                default -> throw new IllegalArgumentException(action);
            };
            fixture.given(opened(), lifecycle)
                    .when(command)
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aStrangerIsNotToldWhetherTheirAmountWasValid() {
            fixture.given(opened())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.005"), null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    static Stream<Arguments> nonAdmins() {
        return Stream.of(Arguments.of("the owner", OWNER_CLIENT), Arguments.of("an auditor", AUDITOR));
    }

    static Stream<Arguments> everyCommandByAStranger() {
        return Stream.of(
                Arguments.of("deposit", new DepositMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, STRANGER)),
                Arguments.of("withdraw", new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("1.00"), null, STRANGER)),
                Arguments.of("freeze", new FreezeWalletCommand(WALLET, ENTRY, STRANGER)),
                Arguments.of("unfreeze", new UnfreezeWalletCommand(WALLET, ENTRY, STRANGER)),
                Arguments.of("close", new CloseWalletCommand(WALLET, ENTRY, STRANGER)));
    }

    // --- given events -------------------------------------------------------------------------------------------

    private static WalletOpened opened() {
        return opened("USD");
    }

    private static WalletOpened opened(String currency) {
        return new WalletOpened(WALLET, OWNER, currency, "Groceries", OPENED_AT);
    }

    private static MoneyDeposited deposited(long cents) {
        return new MoneyDeposited(WALLET, "deposit-" + cents, usd(cents), null, EARLIER);
    }

    private static MoneyWithdrawn withdrawn(long cents) {
        return new MoneyWithdrawn(WALLET, "withdrawal-" + cents, usd(cents), null, EARLIER);
    }

    private static WalletFrozen frozen() {
        return new WalletFrozen(WALLET, "freeze", EARLIER);
    }

    private static WalletUnfrozen unfrozen() {
        return new WalletUnfrozen(WALLET, "unfreeze", EARLIER);
    }

    private static WalletClosed closed() {
        return new WalletClosed(WALLET, "close", EARLIER);
    }

    private static HoldPlaced holdPlaced(String holdId, long cents) {
        return holdPlaced(holdId, cents, HOLD_EXPIRES_AT);
    }

    private static HoldPlaced holdPlaced(String holdId, long cents, Instant expiresAt) {
        return new HoldPlaced(WALLET, holdId, "place-" + holdId, usd(cents), HOLD_REF, expiresAt, EARLIER);
    }

    private static HoldCaptured holdCaptured(String holdId, long capturedCents, long releasedCents) {
        return new HoldCaptured(WALLET, holdId, "capture-" + holdId, usd(capturedCents), usd(releasedCents),
                EARLIER);
    }

    private static HoldVoided holdVoided(String holdId, long cents) {
        return new HoldVoided(WALLET, holdId, "void-" + holdId, usd(cents), EARLIER);
    }

    private static HoldExpired holdExpired(String holdId, long cents) {
        return new HoldExpired(WALLET, holdId, Wallet.expiryEntryId(holdId), usd(cents), EARLIER);
    }

    /** The event that ends a hold of {@code cents} the given way (a capture takes all of it). */
    private static Object holdEnded(String holdId, long cents, HoldStatus outcome) {
        return switch (outcome) {
            case CAPTURED -> holdCaptured(holdId, cents, 0);
            case VOIDED -> holdVoided(holdId, cents);
            case EXPIRED -> holdExpired(holdId, cents);
            case ACTIVE -> throw new IllegalArgumentException("an active hold has not ended");
        };
    }

    private static Money usd(long cents) {
        return money(cents, "USD");
    }

    private static Money money(long minorUnits, String currency) {
        return Money.of(minorUnits, currency);
    }

    // --- matchers -----------------------------------------------------------------------------------------------

    private static Matcher<WalletView> walletView(WalletStatus status, long balanceCents, long version) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(WalletView actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual);
                return actual.status() == status && actual.balance().equals(usd(balanceCents))
                        && actual.available().equals(usd(balanceCents)) && actual.version() == version;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a ").appendValue(status).appendText(" wallet with balance ")
                        .appendValue(usd(balanceCents)).appendText(" at version ").appendValue(version);
            }
        };
    }
}
