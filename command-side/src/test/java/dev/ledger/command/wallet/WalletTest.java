package dev.ledger.command.wallet;

import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.FreezeWalletCommand;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.OpenWalletCommand;
import dev.ledger.events.wallet.UnfreezeWalletCommand;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
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
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "100.00", "top-up 1", ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(10000), "top-up 1", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(10000),
                            usd(10000), usd(0), usd(10000), 2, NOW));
        }

        @Test
        void depositsAddUpAndTheVersionCountsEveryEvent() {
            fixture.given(opened(), deposited(5000), withdrawn(1000))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "25.5", null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(2550), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(2550),
                            usd(6550), usd(0), usd(6550), 4, NOW));
        }

        @Test
        void theOwnerCannotTopUpTheirOwnWallet() {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "100.00", null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotDeposit() {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "100.00", null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletStillReceivesDeposits() {
            fixture.given(opened(), deposited(100), frozen())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "1.00", null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, usd(100), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED, usd(100),
                            usd(200), usd(0), usd(200), 4, NOW));
        }

        @Test
        void aClosedWalletRefusesDeposits() {
            fixture.given(opened(), closed())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "1.00", null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "deposit of \"{0}\" USD is refused")
        @NullAndEmptySource
        @ValueSource(strings = {"1.005", "1.000", "1e3", "-1.00", "+1.00", " 1.00", "1.", ".5", "0.00", "0",
                "92233720368547758.08"})
        void aBadAmountLiteralIsRejected(String amount) {
            fixture.given(opened())
                    .when(new DepositMoneyCommand(WALLET, ENTRY, amount, null, ADMIN))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void theWalletsCurrencyDecidesTheScale() {
            fixture.given(opened("BHD"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "1.005", null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, money(1005, "BHD"), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.DEPOSITED,
                            money(1005, "BHD"), money(1005, "BHD"), money(0, "BHD"), money(1005, "BHD"), 2, NOW));
        }

        @Test
        void yenAreWhole() {
            fixture.given(opened("JPY"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "1500", null, ADMIN))
                    .expectEvents(new MoneyDeposited(WALLET, ENTRY, money(1500, "JPY"), null, NOW));
        }

        @Test
        void aYenLiteralWithADecimalPlaceIsRejectedThoughItsValueIsWhole() {
            fixture.given(opened("JPY"))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "1.0", null, ADMIN))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void aDepositThatWouldOverflowTheBalanceIsRejected() {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new DepositMoneyCommand(WALLET, ENTRY, "0.01", null, ADMIN))
                    .expectException(ledgerError(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theOwnerWithdrawsWithinAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "30.25", "atm", OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(3025), "atm", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(3025),
                            usd(6975), usd(0), usd(6975), 3, NOW));
        }

        @Test
        void anAdminWithdrawsEverythingAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "100.00", null, ADMIN))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                            usd(0), usd(0), usd(0), 3, NOW));
        }

        @Test
        void withdrawingMoreThanAvailableIsRejected() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "100.01", null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void withdrawingFromAnEmptyWalletIsRejected() {
            fixture.given(opened())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "0.01", null, ADMIN))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void earlierWithdrawalsCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), withdrawn(6000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "40.01", null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotWithdraw() {
            fixture.given(opened(), deposited(10000))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletRefusesWithdrawals() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                    .expectNoEvents();
        }

        @Test
        void anUnfrozenWalletPaysOutAgain() {
            fixture.given(opened(), deposited(10000), frozen(), unfrozen())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(100), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(100),
                            usd(9900), usd(0), usd(9900), 5, NOW));
        }

        @Test
        void aClosedWalletRefusesWithdrawals() {
            fixture.given(opened(), closed())
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "withdrawal of \"{0}\" USD is refused")
        @NullAndEmptySource
        @ValueSource(strings = {"1.005", "1.000", "1e3", "-1.00", "+1.00", " 1.00", "1.", ".5", "0.00",
                "92233720368547758.08"})
        void aBadAmountLiteralIsRejectedWhateverTheFunds(String amount) {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, amount, null, OWNER_CLIENT))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void threeDecimalsAreFineOnABahrainiDinarWallet() {
            fixture.given(new WalletOpened(WALLET, OWNER, "BHD", null, OPENED_AT),
                            new MoneyDeposited(WALLET, "dep", money(2000, "BHD"), null, EARLIER))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.005", null, OWNER_CLIENT))
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
                case "withdraw" -> new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, STRANGER);
                case "deposit" -> new DepositMoneyCommand(WALLET, ENTRY, "1.00", null, STRANGER);
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
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "1.005", null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    static Stream<Arguments> nonAdmins() {
        return Stream.of(Arguments.of("the owner", OWNER_CLIENT), Arguments.of("an auditor", AUDITOR));
    }

    static Stream<Arguments> everyCommandByAStranger() {
        return Stream.of(
                Arguments.of("deposit", new DepositMoneyCommand(WALLET, ENTRY, "1.00", null, STRANGER)),
                Arguments.of("withdraw", new WithdrawMoneyCommand(WALLET, ENTRY, "1.00", null, STRANGER)),
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

    private static Money usd(long cents) {
        return money(cents, "USD");
    }

    private static Money money(long minorUnits, String currency) {
        return Money.of(minorUnits, currency);
    }

    // --- matchers -----------------------------------------------------------------------------------------------

    /** A {@link LedgerException} with this code; errors are told apart by code, never by message text. */
    private static Matcher<LedgerException> ledgerError(ErrorCode code) {
        return ledgerError(code, Map.of());
    }

    /** A {@link LedgerException} with this code whose extensions include these entries. */
    private static Matcher<LedgerException> ledgerError(ErrorCode code, Map<String, Object> extensions) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual.code()).appendText(" ")
                        .appendValue(actual.detail()).appendText(" with extensions ")
                        .appendValue(actual.extensions());
                return actual.code() == code
                        && extensions.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(actual.extensions().get(e.getKey())));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException ").appendValue(code);
                if (!extensions.isEmpty()) {
                    description.appendText(" with extensions including ").appendValue(extensions);
                }
            }
        };
    }

    /** VALIDATION_FAILED naming exactly one invalid field, as the problem's {@code errors} list. */
    private static Matcher<LedgerException> validationFailedOn(String field) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual.code()).appendText(" with extensions ")
                        .appendValue(actual.extensions());
                if (actual.code() != ErrorCode.VALIDATION_FAILED
                        || !(actual.extensions().get("errors") instanceof List<?> errors) || errors.size() != 1
                        || !(errors.get(0) instanceof Map<?, ?> error)) {
                    return false;
                }
                return field.equals(error.get("field")) && error.get("message") instanceof String message
                        && !message.isBlank();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException VALIDATION_FAILED with errors [{field: ")
                        .appendValue(field).appendText(", message: ...}]");
            }
        };
    }

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
