package dev.ledger.command.escrow;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static dev.ledger.command.LedgerErrorMatchers.validationFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;

import dev.ledger.command.SendAndWaitOnlyGateway;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.escrow.CreateEscrowCommand;
import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FundEscrowCommand;
import dev.ledger.events.escrow.RefundEscrowCommand;
import dev.ledger.events.escrow.ReleaseEscrowCommand;
import dev.ledger.events.idempotency.CommandMetadata;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.InspectWalletCommand;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.ReceiveEscrowPaymentCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscrowTest {

    private static final String ESCROW = "escrow-1";
    private static final String BUYER = "alice";
    private static final String SELLER = "bob";
    private static final String BUYER_WALLET = "wallet-alice";
    private static final String SELLER_WALLET = "wallet-bob";
    private static final Money AMOUNT = usd(2500);
    private static final String DESCRIPTION = "a second-hand bike";
    private static final long EXPIRES_IN = 86_400;

    private static final Instant CREATED_AT = Instant.parse("2025-03-01T11:00:00Z");
    private static final Instant FUNDED_AT = Instant.parse("2025-03-01T11:30:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    /** When the escrow given as funded expires: still a day away at {@link #NOW}. */
    private static final Instant EXPIRES_AT = FUNDED_AT.plusSeconds(EXPIRES_IN);
    private static final Instant ENDED_AT = Instant.parse("2025-03-01T11:45:00Z");

    /** The hold of the escrow given as funded. */
    private static final String HOLD = "hold-1";
    /** The message id of the fund commands the tests send: the escrow derives its hold's id from it. */
    private static final String ATTEMPT = "fund-attempt-1";
    private static final String HOLD_OF_ATTEMPT = ProcessCommands.stepId(ESCROW, "hold:" + ATTEMPT);

    private static final Actor ADMIN = Actor.admin("admin:1");
    private static final Actor BUYER_CLIENT = Actor.client(BUYER);
    private static final Actor SELLER_CLIENT = Actor.client(SELLER);
    private static final Actor STRANGER = Actor.client("carol");
    private static final Actor AUDITOR = new Actor("auditor:1", Role.AUDITOR, null);
    /** Who the escrow's wallet commands come from: the people involved were checked on the escrow itself. */
    private static final Actor PROCESS = Actor.admin("process:escrow");

    private FixtureConfiguration<Escrow> fixture;
    private StoppedClock clock;
    private RecordingCommandGateway wallets;

    @BeforeEach
    void setUp() {
        clock = new StoppedClock(NOW);
        wallets = new RecordingCommandGateway();
        fixture = new AggregateTestFixture<>(Escrow.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new ProcessCommands(wallets));
    }

    @Nested
    class Creating {

        @Test
        void theBuyerOpensAnEscrowThatStartsCreatedAtVersionOne() {
            fixture.givenNoPriorActivity()
                    .when(create(BUYER_CLIENT, EXPIRES_IN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EscrowCreated(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET, AMOUNT,
                            EXPIRES_IN, DESCRIPTION, NOW))
                    .expectResultMessagePayload(new EscrowView(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET,
                            AMOUNT, DESCRIPTION, EscrowState.CREATED, EXPIRES_IN, NOW, null, null, null, null, null,
                            1))
                    .expectNoScheduledDeadlines();
            assertThat(wallets.payloads()).as("opening an escrow only asks the wallets, and moves no money")
                    .containsExactly(new InspectWalletCommand(BUYER_WALLET, BUYER_CLIENT),
                            new InspectWalletCommand(SELLER_WALLET, Actor.admin("process:escrow")));
        }

        @Test
        void anAdminOpensAnEscrowForTheBuyer() {
            fixture.givenNoPriorActivity()
                    .when(create(ADMIN, EXPIRES_IN))
                    .expectEvents(new EscrowCreated(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET, AMOUNT,
                            EXPIRES_IN, DESCRIPTION, NOW));
        }

        @ParameterizedTest(name = "expiresInSeconds {0}")
        @ValueSource(longs = {1, 2_592_000})
        void theShortestAndLongestExpiryAreAccepted(long expiresInSeconds) {
            fixture.givenNoPriorActivity()
                    .when(create(BUYER_CLIENT, expiresInSeconds))
                    .expectEvents(new EscrowCreated(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET, AMOUNT,
                            expiresInSeconds, DESCRIPTION, NOW));
        }

        @Test
        void anAuditorCannotOpenAnEscrow() {
            fixture.givenNoPriorActivity()
                    .when(create(AUDITOR, EXPIRES_IN))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void theSellerIsToldTheBuyersWalletDoesNotExist() {
            fixture.givenNoPriorActivity()
                    .when(create(SELLER_CLIENT, EXPIRES_IN))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectExceptionMessage("wallet " + BUYER_WALLET + " was not found")
                    .expectNoEvents();
        }

        @Test
        void aStrangerIsToldSomeoneElsesWalletDoesNotExist() {
            fixture.givenNoPriorActivity()
                    .when(create(STRANGER, EXPIRES_IN))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anUnknownSellerWalletIsNotFound() {
            wallets.forgetWallet(SELLER_WALLET);
            fixture.givenNoPriorActivity()
                    .when(create(BUYER_CLIENT, EXPIRES_IN))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectExceptionMessage("wallet " + SELLER_WALLET + " was not found")
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "a {0} wallet of the seller")
        @ValueSource(strings = {"EUR", "JPY"})
        void bothWalletsMustHoldTheEscrowsCurrency(String currency) {
            wallets.holdWallet(SELLER_WALLET, SELLER, currency);
            fixture.givenNoPriorActivity()
                    .when(create(BUYER_CLIENT, EXPIRES_IN))
                    .expectException(ledgerError(ErrorCode.CURRENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void theEscrowsPartiesAreTheWalletsOwnersAsTheWalletsSay() {
            wallets.holdWallet(SELLER_WALLET, "dave", "USD");
            fixture.givenNoPriorActivity()
                    .when(create(ADMIN, EXPIRES_IN))
                    .expectEvents(new EscrowCreated(ESCROW, BUYER, "dave", BUYER_WALLET, SELLER_WALLET, AMOUNT,
                            EXPIRES_IN, DESCRIPTION, NOW));
        }

        @ParameterizedTest(name = "expiresInSeconds {0} is refused")
        @ValueSource(longs = {0, -1, 2_592_001, Long.MAX_VALUE, Long.MIN_VALUE})
        void anExpiryOutsideOneSecondToThirtyDaysIsRejected(long expiresInSeconds) {
            fixture.givenNoPriorActivity()
                    .when(create(BUYER_CLIENT, expiresInSeconds))
                    .expectException(validationFailedOn("expiresInSeconds"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} minor units are refused")
        @ValueSource(longs = {0, -1})
        void anEscrowOfNothingIsRejected(long minorUnits) {
            fixture.givenNoPriorActivity()
                    .when(new CreateEscrowCommand(ESCROW, BUYER_WALLET, SELLER_WALLET, usd(minorUnits), EXPIRES_IN,
                            DESCRIPTION, BUYER_CLIENT))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Funding {

        @Test
        void theBuyerFundsAnEscrowByHoldingTheAmountOnTheirWalletUntilItExpires() {
            Instant expiresAt = NOW.plusSeconds(EXPIRES_IN);
            givenAtNow(created())
                    .when(fundAttempt(BUYER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EscrowFunded(ESCROW, HOLD_OF_ATTEMPT, expiresAt, NOW))
                    .expectScheduledDeadlineWithName(expiresAt, Escrow.EXPIRY)
                    .expectScheduledDeadline(expiresAt, ESCROW)
                    .expectResultMessagePayload(new EscrowView(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET,
                            AMOUNT, DESCRIPTION, EscrowState.FUNDED, EXPIRES_IN, CREATED_AT, NOW, expiresAt, null,
                            null, null, 2));

            assertThat(wallets.payloads()).singleElement().isInstanceOfSatisfying(PlaceHoldCommand.class, hold -> {
                assertThat(hold.walletId()).isEqualTo(BUYER_WALLET);
                assertThat(hold.holdId()).isEqualTo(HOLD_OF_ATTEMPT);
                assertThat(hold.amount()).isEqualTo(Amount.parse("25.00"));
                assertThat(hold.expiresInSeconds()).isEqualTo(EXPIRES_IN + 3_600);
                assertThat(hold.actor()).isEqualTo(PROCESS);
            });
        }

        @Test
        void theHoldIsPlacedAsAProcessStepThatDoesNotPassForTheBuyersRequest() {
            // what the gateway's correlation data provider makes every message inherit from the request
            fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                    new SimpleCorrelationDataProvider(CommandMetadata.PRINCIPAL, CommandMetadata.IDEMPOTENCY_KEY,
                            CommandMetadata.REQUEST_HASH, CommandMetadata.CORRELATION_ID)));
            givenAtNow(created())
                    .when(fundAttempt(BUYER_CLIENT), Map.of(CommandMetadata.PRINCIPAL, "client:" + BUYER,
                            CommandMetadata.IDEMPOTENCY_KEY, "key-1", CommandMetadata.REQUEST_HASH, "hash-1",
                            CommandMetadata.CORRELATION_ID, "request-1"))
                    .expectSuccessfulHandlerExecution();

            assertThat(wallets.messages()).singleElement().satisfies(step -> {
                assertThat(step.getMetaData())
                        .containsEntry(CommandMetadata.ORIGIN, CommandMetadata.ORIGIN_PROCESS)
                        .containsEntry(CommandMetadata.PRINCIPAL, PROCESS.principal())
                        .containsEntry(CommandMetadata.CORRELATION_ID, "request-1")
                        .doesNotContainKeys(CommandMetadata.IDEMPOTENCY_KEY, CommandMetadata.REQUEST_HASH);
            });
        }

        @ParameterizedTest(name = "an escrow of {0} s is held for {1} s")
        @CsvSource({"1, 3601", "86400, 90000", "2588400, 2592000", "2588401, 2592000", "2592000, 2592000"})
        void theHoldOutlivesTheEscrowByAnHourButNeverBeyondThirtyDays(long escrowSeconds, long holdSeconds) {
            givenAtNow(created(escrowSeconds))
                    .when(fundAttempt(BUYER_CLIENT))
                    .expectEvents(new EscrowFunded(ESCROW, HOLD_OF_ATTEMPT, NOW.plusSeconds(escrowSeconds), NOW))
                    .expectScheduledDeadlineWithName(Duration.ofSeconds(escrowSeconds), Escrow.EXPIRY);

            assertThat(wallets.sent(PlaceHoldCommand.class)).singleElement()
                    .extracting(PlaceHoldCommand::expiresInSeconds).isEqualTo(holdSeconds);
        }

        @Test
        void anAdminFundsTheEscrowFromTheBuyersWallet() {
            givenAtNow(created())
                    .when(fundAttempt(ADMIN))
                    .expectEvents(new EscrowFunded(ESCROW, HOLD_OF_ATTEMPT, NOW.plusSeconds(EXPIRES_IN), NOW));

            assertThat(wallets.sent(PlaceHoldCommand.class)).singleElement()
                    .extracting(PlaceHoldCommand::walletId).isEqualTo(BUYER_WALLET);
        }

        @Test
        void aBuyerWithoutTheMoneyIsToldSoAndTheEscrowStaysCreated() {
            wallets.refuse(PlaceHoldCommand.class, ErrorCode.INSUFFICIENT_FUNDS, Map.of());
            givenAtNow(created())
                    .when(fundAttempt(BUYER_CLIENT))
                    // a decided refusal: recorded for the request's idempotency key, and retried with the same answer
                    .expectException(allOf(ledgerError(ErrorCode.INSUFFICIENT_FUNDS), recordedAsTheOutcome(true)))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).singleElement().isInstanceOf(PlaceHoldCommand.class);
        }

        @Test
        void theBuyerWalletsRefusalIsPassedOnWithItsDetails() {
            wallets.refuse(PlaceHoldCommand.class, ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN"));
            givenAtNow(created())
                    .when(fundAttempt(BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void anEscrowCanBeFundedOnlyOnce() {
            givenAtNow(created(), funded())
                    .when(fundAttempt(BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", "FUNDED")))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).as("a second fund must not hold the money twice").isEmpty();
        }
    }

    @Nested
    class Releasing {

        @Test
        void theBuyerReleasesTheHeldMoneyToTheSeller() {
            fixture.given(created(), funded())
                    .when(new ReleaseEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EscrowReleased(ESCROW, NOW))
                    .expectResultMessagePayload(new EscrowView(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET,
                            AMOUNT, DESCRIPTION, EscrowState.RELEASED, EXPIRES_IN, CREATED_AT, FUNDED_AT, EXPIRES_AT,
                            NOW, null, null, 3));

            assertThat(wallets.payloads()).as("lock both wallets in id order, capture the buyer's hold, then credit "
                    + "the seller").hasSize(4);
            assertThat(wallets.payloads().subList(0, 2)).containsExactly(
                    new InspectWalletCommand(BUYER_WALLET, PROCESS), new InspectWalletCommand(SELLER_WALLET, PROCESS));
            assertThat(wallets.payloads().get(2)).isInstanceOfSatisfying(CaptureHoldCommand.class, capture -> {
                assertThat(capture.walletId()).isEqualTo(BUYER_WALLET);
                assertThat(capture.holdId()).isEqualTo(HOLD);
                assertThat(capture.amount()).as("captured in full").isNull();
                assertThat(capture.actor()).isEqualTo(PROCESS);
            });
            assertThat(wallets.payloads().get(3)).isInstanceOfSatisfying(ReceiveEscrowPaymentCommand.class,
                    credit -> {
                        assertThat(credit.walletId()).isEqualTo(SELLER_WALLET);
                        assertThat(credit.escrowId()).isEqualTo(ESCROW);
                        assertThat(credit.amount()).isEqualTo(AMOUNT);
                        assertThat(credit.fromWalletId()).isEqualTo(BUYER_WALLET);
                        assertThat(credit.actor()).isEqualTo(PROCESS);
                    });
            assertThat(wallets.messages()).allSatisfy(step -> assertThat(step.getMetaData())
                    .containsEntry(CommandMetadata.ORIGIN, CommandMetadata.ORIGIN_PROCESS));
        }

        @Test
        void anAdminReleasesTheEscrow() {
            fixture.given(created(), funded())
                    .when(new ReleaseEscrowCommand(ESCROW, ADMIN))
                    .expectEvents(new EscrowReleased(ESCROW, NOW));
        }

        @Test
        void aRefusedCaptureIsTheAnswerAndTheSellerIsNotCredited() {
            wallets.refuse(CaptureHoldCommand.class, ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED"));
            fixture.given(created(), funded())
                    .when(new ReleaseEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED")))
                    .expectNoEvents();

            assertThat(wallets.payloads()).last().isInstanceOf(CaptureHoldCommand.class);
            assertThat(wallets.payloads()).noneMatch(ReceiveEscrowPaymentCommand.class::isInstance);
        }

        @Test
        void aRefusedCreditUndoesTheCaptureWithEverythingElse() {
            wallets.refuse(ReceiveEscrowPaymentCommand.class, ErrorCode.WALLET_NOT_ACTIVE,
                    Map.of("currentState", "CLOSED"));
            fixture.given(created(), funded())
                    .when(new ReleaseEscrowCommand(ESCROW, BUYER_CLIENT))
                    // not an outcome to commit: committing it would keep the capture and lose the money
                    .expectException(allOf(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")),
                            recordedAsTheOutcome(false)))
                    .expectNoEvents();

            assertThat(wallets.payloads()).last().isInstanceOf(ReceiveEscrowPaymentCommand.class);
        }
    }

    @Nested
    class Refunding {

        @Test
        void theBuyerGetsTheMoneyBackByVoidingTheHold() {
            fixture.given(created(), funded())
                    .when(new RefundEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EscrowRefunded(ESCROW, NOW))
                    .expectResultMessagePayload(new EscrowView(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET,
                            AMOUNT, DESCRIPTION, EscrowState.REFUNDED, EXPIRES_IN, CREATED_AT, FUNDED_AT, EXPIRES_AT,
                            null, NOW, null, 3));

            assertThat(wallets.payloads()).singleElement().isInstanceOfSatisfying(VoidHoldCommand.class, voiding -> {
                assertThat(voiding.walletId()).isEqualTo(BUYER_WALLET);
                assertThat(voiding.holdId()).isEqualTo(HOLD);
                assertThat(voiding.actor()).isEqualTo(PROCESS);
            });
            assertThat(wallets.messages()).singleElement().satisfies(step -> assertThat(step.getMetaData())
                    .containsEntry(CommandMetadata.ORIGIN, CommandMetadata.ORIGIN_PROCESS));
        }

        @Test
        void anAdminRefundsTheEscrow() {
            fixture.given(created(), funded())
                    .when(new RefundEscrowCommand(ESCROW, ADMIN))
                    .expectEvents(new EscrowRefunded(ESCROW, NOW));
        }

        @Test
        void aHoldThatAlreadyEndedStillRefundsTheEscrow() {
            wallets.refuse(VoidHoldCommand.class, ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED"));
            fixture.given(created(), funded())
                    .when(new RefundEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EscrowRefunded(ESCROW, NOW));
        }

        @ParameterizedTest(name = "a void refused with {0}")
        @EnumSource(value = ErrorCode.class, names = {"WALLET_NOT_ACTIVE", "NOT_FOUND", "INVALID_STATE_TRANSITION"})
        void anyOtherRefusalOfTheVoidIsTheAnswer(ErrorCode refusal) {
            wallets.refuse(VoidHoldCommand.class, refusal, Map.of());
            fixture.given(created(), funded())
                    .when(new RefundEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectException(ledgerError(refusal))
                    .expectNoEvents();
        }
    }

    @Nested
    class Expiring {

        private final Instant expiresAt = NOW.plusSeconds(EXPIRES_IN);

        /** Funded by commands, so that the fixture's deadline manager holds the expiry the escrow scheduled. */
        private TestExecutor<Escrow> fundedAtNow(Object... laterCommands) {
            TestExecutor<Escrow> given = fixture.givenCurrentTime(NOW)
                    .andGivenCommands(create(BUYER_CLIENT, EXPIRES_IN), fundAttempt(BUYER_CLIENT))
                    .andGivenCommands(laterCommands);
            wallets.forget();
            return given;
        }

        @Test
        void aFundedEscrowExpiresByItselfAndVoidsTheHold() {
            TestExecutor<Escrow> funded = fundedAtNow();
            // the deadline runs a moment after it is due
            clock.moveTo(expiresAt.plusSeconds(2));
            funded.whenTimeElapses(Duration.ofSeconds(EXPIRES_IN + 2))
                    .expectTriggeredDeadlinesWithName(Escrow.EXPIRY)
                    .expectEvents(new EscrowExpired(ESCROW, expiresAt.plusSeconds(2)));

            assertThat(wallets.payloads()).singleElement().isInstanceOfSatisfying(VoidHoldCommand.class, voiding -> {
                assertThat(voiding.walletId()).isEqualTo(BUYER_WALLET);
                assertThat(voiding.holdId()).isEqualTo(HOLD_OF_ATTEMPT);
                assertThat(voiding.actor()).isEqualTo(PROCESS);
            });
        }

        @Test
        void nothingExpiresBeforeExpiresAt() {
            TestExecutor<Escrow> funded = fundedAtNow();
            clock.moveTo(expiresAt.minusSeconds(1));
            funded.whenTimeElapses(Duration.ofSeconds(EXPIRES_IN - 1))
                    .expectTriggeredDeadlinesWithName()
                    .expectNoEvents();

            assertThat(wallets.payloads()).isEmpty();
        }

        @Test
        void anEscrowWhoseHoldAlreadyEndedStillExpires() {
            TestExecutor<Escrow> funded = fundedAtNow();
            wallets.refuse(VoidHoldCommand.class, ErrorCode.HOLD_NOT_ACTIVE, Map.of("currentState", "EXPIRED"));
            clock.moveTo(expiresAt);
            funded.whenTimeElapses(Duration.ofSeconds(EXPIRES_IN))
                    .expectEvents(new EscrowExpired(ESCROW, expiresAt));
        }

        @Test
        void theExpiryOfAReleasedEscrowChangesNothing() {
            TestExecutor<Escrow> released = fundedAtNow(new ReleaseEscrowCommand(ESCROW, BUYER_CLIENT));
            clock.moveTo(expiresAt);
            released.whenTimeElapses(Duration.ofSeconds(EXPIRES_IN))
                    .expectTriggeredDeadlinesWithName(Escrow.EXPIRY)
                    .expectNoEvents();

            assertThat(wallets.payloads()).as("a late expiry must not touch the captured hold").isEmpty();
        }

        @Test
        void theExpiryOfARefundedEscrowChangesNothing() {
            TestExecutor<Escrow> refunded = fundedAtNow(new RefundEscrowCommand(ESCROW, BUYER_CLIENT));
            clock.moveTo(expiresAt);
            refunded.whenTimeElapses(Duration.ofSeconds(EXPIRES_IN))
                    .expectTriggeredDeadlinesWithName(Escrow.EXPIRY)
                    .expectNoEvents();

            assertThat(wallets.payloads()).isEmpty();
        }
    }

    @Nested
    class RefusedTransitions {

        @ParameterizedTest(name = "funding a {0} escrow")
        @EnumSource(value = EscrowState.class, names = {"FUNDED", "RELEASED", "REFUNDED", "EXPIRED"})
        void onlyACreatedEscrowCanBeFunded(EscrowState state) {
            givenAtNow(historyUpTo(state))
                    .when(fundAttempt(BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", state.name())))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).isEmpty();
        }

        @ParameterizedTest(name = "releasing a {0} escrow")
        @EnumSource(value = EscrowState.class, names = {"CREATED", "RELEASED", "REFUNDED", "EXPIRED"})
        void onlyAFundedEscrowCanBeReleased(EscrowState state) {
            fixture.given(historyUpTo(state))
                    .when(new ReleaseEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", state.name())))
                    .expectNoEvents();

            assertThat(wallets.payloads()).isEmpty();
        }

        @ParameterizedTest(name = "refunding a {0} escrow")
        @EnumSource(value = EscrowState.class, names = {"CREATED", "RELEASED", "REFUNDED", "EXPIRED"})
        void onlyAFundedEscrowCanBeRefunded(EscrowState state) {
            fixture.given(historyUpTo(state))
                    .when(new RefundEscrowCommand(ESCROW, BUYER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("currentState", state.name())))
                    .expectNoEvents();

            assertThat(wallets.payloads()).isEmpty();
        }
    }

    @Nested
    class Permissions {

        @ParameterizedTest(name = "the seller may not {0}")
        @EnumSource(Move.class)
        void theSellerSeesTheEscrowButMayNotMoveIt(Move move) {
            givenAtNow(historyUpTo(move.from))
                    .when(move.by(SELLER_CLIENT))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).isEmpty();
        }

        @ParameterizedTest(name = "a stranger may not {0}")
        @EnumSource(Move.class)
        void aStrangerIsToldTheEscrowDoesNotExist(Move move) {
            givenAtNow(historyUpTo(move.from))
                    .when(move.by(STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).isEmpty();
        }

        @ParameterizedTest(name = "a stranger trying to {0} a RELEASED escrow")
        @EnumSource(Move.class)
        void aStrangerLearnsNothingOfTheEscrowsState(Move move) {
            givenAtNow(historyUpTo(EscrowState.RELEASED))
                    .when(move.by(STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "an auditor may not {0}")
        @EnumSource(Move.class)
        void anAuditorSeesTheEscrowButNeverMovesMoney(Move move) {
            givenAtNow(historyUpTo(move.from))
                    .when(move.by(AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();

            assertThat(wallets.payloads()).isEmpty();
        }

        @ParameterizedTest(name = "an admin may {0}")
        @EnumSource(Move.class)
        void anAdminMayMoveAnyEscrow(Move move) {
            givenAtNow(historyUpTo(move.from))
                    .when(move.by(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(move.outcome());
        }
    }

    /** The transitions the buyer side may make, each from the state it starts in. */
    enum Move {
        FUND(EscrowState.CREATED) {
            @Override
            Object by(Actor actor) {
                return fundAttempt(actor);
            }

            @Override
            Object outcome() {
                return new EscrowFunded(ESCROW, HOLD_OF_ATTEMPT, NOW.plusSeconds(EXPIRES_IN), NOW);
            }
        },
        RELEASE(EscrowState.FUNDED) {
            @Override
            Object by(Actor actor) {
                return new ReleaseEscrowCommand(ESCROW, actor);
            }

            @Override
            Object outcome() {
                return new EscrowReleased(ESCROW, NOW);
            }
        },
        REFUND(EscrowState.FUNDED) {
            @Override
            Object by(Actor actor) {
                return new RefundEscrowCommand(ESCROW, actor);
            }

            @Override
            Object outcome() {
                return new EscrowRefunded(ESCROW, NOW);
            }
        };

        final EscrowState from;

        Move(EscrowState from) {
            this.from = from;
        }

        abstract Object by(Actor actor);

        abstract Object outcome();
    }

    // --- given ---------------------------------------------------------------------------------------------------

    /** The fixture's deadline time set to the escrow's clock, so scheduled deadlines count from NOW. */
    private TestExecutor<Escrow> givenAtNow(Object... events) {
        return fixture.given(events).andGivenCurrentTime(NOW);
    }

    private static CreateEscrowCommand create(Actor actor, long expiresInSeconds) {
        return new CreateEscrowCommand(ESCROW, BUYER_WALLET, SELLER_WALLET, AMOUNT, expiresInSeconds, DESCRIPTION,
                actor);
    }

    /** A fund command with a known message id, so the hold id the escrow derives from it is known too. */
    private static CommandMessage<FundEscrowCommand> fundAttempt(Actor actor) {
        return new GenericCommandMessage<>(new GenericMessage<>(ATTEMPT, new FundEscrowCommand(ESCROW, actor),
                MetaData.emptyInstance()), FundEscrowCommand.class.getName());
    }

    private static EscrowCreated created() {
        return created(EXPIRES_IN);
    }

    private static EscrowCreated created(long expiresInSeconds) {
        return new EscrowCreated(ESCROW, BUYER, SELLER, BUYER_WALLET, SELLER_WALLET, AMOUNT, expiresInSeconds,
                DESCRIPTION, CREATED_AT);
    }

    private static EscrowFunded funded() {
        return new EscrowFunded(ESCROW, HOLD, EXPIRES_AT, FUNDED_AT);
    }

    /** The events that bring an escrow into {@code state}. */
    private static Object[] historyUpTo(EscrowState state) {
        return switch (state) {
            case CREATED -> new Object[] {created()};
            case FUNDED -> new Object[] {created(), funded()};
            case RELEASED -> new Object[] {created(), funded(), new EscrowReleased(ESCROW, ENDED_AT)};
            case REFUNDED -> new Object[] {created(), funded(), new EscrowRefunded(ESCROW, ENDED_AT)};
            case EXPIRED -> new Object[] {created(), funded(), new EscrowExpired(ESCROW, ENDED_AT)};
        };
    }

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    // --- the wallets, as the escrow reaches them -----------------------------------------------------------------

    /**
     * The command gateway under {@link ProcessCommands}: records every wallet command the escrow sends, with its
     * metadata, and answers each with the outcome programmed for its type, else a success.
     */
    private static final class RecordingCommandGateway extends SendAndWaitOnlyGateway {

        private final List<CommandMessage<?>> sent = new ArrayList<>();
        private final Map<Class<?>, CommandOutcome> answers = new HashMap<>();
        private final Map<String, WalletView> walletsById = new HashMap<>(Map.of(
                BUYER_WALLET, wallet(BUYER_WALLET, BUYER, "USD"), SELLER_WALLET, wallet(SELLER_WALLET, SELLER, "USD")));

        void holdWallet(String walletId, String ownerId, String currency) {
            walletsById.put(walletId, wallet(walletId, ownerId, currency));
        }

        void forgetWallet(String walletId) {
            walletsById.remove(walletId);
        }

        private static WalletView wallet(String walletId, String ownerId, String currency) {
            return new WalletView(walletId, ownerId, currency, null, WalletStatus.ACTIVE, Money.zero(currency),
                    Money.zero(currency), Money.zero(currency), 1, NOW, NOW);
        }

        /** As the wallet answers it: a wallet the asker may not see, or that does not exist, is not found. */
        private CommandOutcome inspect(InspectWalletCommand inspect) {
            WalletView wallet = walletsById.get(inspect.walletId());
            if (wallet == null || !inspect.actor().canSee(wallet.ownerId())) {
                return CommandOutcome.rejected(LedgerException.notFound("aggregate " + inspect.walletId()));
            }
            return CommandOutcome.success(wallet);
        }

        void refuse(Class<?> commandType, ErrorCode code, Map<String, Object> extensions) {
            answers.put(commandType, CommandOutcome.rejected(new LedgerException(code, "refused by the wallet",
                    extensions)));
        }

        List<CommandMessage<?>> messages() {
            return List.copyOf(sent);
        }

        List<Object> payloads() {
            return sent.stream().<Object>map(CommandMessage::getPayload).toList();
        }

        <C> List<C> sent(Class<C> commandType) {
            return sent.stream().map(CommandMessage::getPayload).filter(commandType::isInstance)
                    .map(commandType::cast).toList();
        }

        /** Forgets what the given phase sent, so that a test sees only what its own when phase sends. */
        void forget() {
            sent.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            sent.add(message);
            if (message.getPayload() instanceof InspectWalletCommand inspect) {
                return (R) inspect(inspect);
            }
            CommandOutcome programmed = answers.get(message.getPayloadType());
            return (R) (programmed != null ? programmed : CommandOutcome.success(resultOf(message.getPayload())));
        }

        /** What the wallet would answer; the escrow only looks at whether the step was refused. */
        private static Object resultOf(Object command) {
            if (command instanceof PlaceHoldCommand hold) {
                return new HoldView(hold.holdId(), hold.walletId(), AMOUNT, usd(0), HoldStatus.ACTIVE,
                        hold.reference(), NOW.plusSeconds(hold.expiresInSeconds()), NOW, 3);
            }
            if (command instanceof CaptureHoldCommand capture) {
                return new HoldView(capture.holdId(), capture.walletId(), AMOUNT, AMOUNT, HoldStatus.CAPTURED,
                        null, EXPIRES_AT, FUNDED_AT, 4);
            }
            if (command instanceof VoidHoldCommand voiding) {
                return new HoldView(voiding.holdId(), voiding.walletId(), AMOUNT, usd(0), HoldStatus.VOIDED, null,
                        EXPIRES_AT, FUNDED_AT, 4);
            }
            if (command instanceof ReceiveEscrowPaymentCommand credit) {
                return new EntryResult(credit.entryId(), credit.walletId(), EntryType.ESCROW_RECEIVED,
                        credit.amount(), credit.amount(), usd(0), credit.amount(), 2, NOW);
            }
            throw new AssertionError("an escrow has no business sending " + command);
        }

    }

    /** A clock that stands still where the test puts it, so the escrow's times are exact. */
    private static final class StoppedClock extends Clock {

        private Instant instant;

        StoppedClock(Instant instant) {
            this.instant = instant;
        }

        void moveTo(Instant instant) {
            this.instant = instant;
        }

        @Override
        public Instant instant() {
            return instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant, zone);
        }
    }

    // --- matchers -----------------------------------------------------------------------------------------------

    /** Whether the refusal commits as the command's outcome, or rolls back everything the command did. */
    private static Matcher<LedgerException> recordedAsTheOutcome(boolean outcome) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("isOutcome() was ").appendValue(actual.isOutcome());
                return actual.isOutcome() == outcome;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(outcome ? "a refusal recorded as the command's outcome"
                        : "a refusal undoing everything the command did");
            }
        };
    }

}
