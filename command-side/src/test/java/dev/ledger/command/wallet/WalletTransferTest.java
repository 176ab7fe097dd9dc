package dev.ledger.command.wallet;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static dev.ledger.command.LedgerErrorMatchers.validationFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;

import dev.ledger.command.SendAndWaitOnlyGateway;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transfer.ReceiveTransferCommand;
import dev.ledger.events.transfer.ReturnTransferCommand;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wallet's transfer steps: the source decides, debits itself and has the destination credited in the same unit of
 * work ({@link SendTransferCommand}, docs/adr/012); the destination is credited ({@link ReceiveTransferCommand}); a
 * transfer of the former flow that the destination refused is returned to the source ({@link ReturnTransferCommand}).
 */
class WalletTransferTest {

    private static final String WALLET = "wallet-1";
    private static final String OTHER_WALLET = "wallet-2";
    private static final String OWNER = "alice";
    private static final String TRANSFER = "transfer-1";
    private static final String ENTRY = "entry-1";

    private static final Instant OPENED_AT = Instant.parse("2025-01-01T09:00:00Z");
    private static final Instant EARLIER = Instant.parse("2025-02-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static final Actor ADMIN = Actor.admin("admin:1");
    private static final Actor OWNER_CLIENT = Actor.client(OWNER);
    private static final Actor STRANGER = Actor.client("bob");
    private static final Actor AUDITOR = new Actor("auditor:1", Role.AUDITOR, null);
    private static final Actor PROCESS = Actor.admin("process:transfer");

    private FixtureConfiguration<Wallet> fixture;
    private Destination destination;

    @BeforeEach
    void setUp() {
        destination = new Destination();
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new ProcessCommands(destination));
    }

    @Nested
    class Sending {

        @Test
        void theDestinationIsCreditedWithTheAmountAsTheTransfer() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, "rent",
                            OWNER_CLIENT))
                    .expectSuccessfulHandlerExecution();

            assertThat(destination.credits).singleElement().isEqualTo(new ReceiveTransferCommand(OTHER_WALLET,
                    TRANSFER, ProcessCommands.stepId(TRANSFER, "credit"), usd(3025), WALLET, "rent", PROCESS));
        }

        @ParameterizedTest(name = "a destination that answers {0} undoes the debit")
        @EnumSource(value = ErrorCode.class, names = {"WALLET_NOT_ACTIVE", "CURRENCY_MISMATCH", "VALIDATION_FAILED"})
        void aDestinationThatRefusesUndoesTheDebitAndNothingIsRecorded(ErrorCode refusal) {
            destination.refuseWith(refusal);
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(allOf(ledgerError(refusal), undoingEverything()))
                    .expectNoEvents();
        }

        @Test
        void anUnknownDestinationIsAWalletNotFoundAndUndoesTheDebit() {
            destination.refuseWith(ErrorCode.NOT_FOUND);
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(allOf(ledgerError(ErrorCode.NOT_FOUND), undoingEverything()))
                    .expectExceptionMessage("wallet " + OTHER_WALLET + " was not found")
                    .expectNoEvents();
        }

        @Test
        void noOneAsksTheDestinationWhenTheSourceRefuses() {
            fixture.given(opened(), deposited(100))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(allOf(ledgerError(ErrorCode.INSUFFICIENT_FUNDS),
                            hasProperty("outcome", is(true))));

            assertThat(destination.credits).isEmpty();
        }

        @Test
        void aWalletDoesNotSendToItself() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), WALLET, null, OWNER_CLIENT))
                    .expectException(validationFailedOn("toWalletId"))
                    .expectNoEvents();
        }

        @Test
        void theOwnerSendsWithinAvailableAndTheDestinationIsCreditedInTheSameUnitOfWork() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, "rent",
                            OWNER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(3025), OTHER_WALLET, "rent", NOW,
                            true))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET, usd(3025),
                            TransferStatus.COMPLETED, null, NOW, NOW, "rent", null, null, Map.of()));
        }

        @Test
        void aReversalWithMetadataCarriesBothIntoItsEvent() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("30.25"), OTHER_WALLET, "refund",
                            OWNER_CLIENT, "transfer-0", Map.of("ticket", "t-9")))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(3025), OTHER_WALLET, "refund", NOW,
                            true, "transfer-0", Map.of("ticket", "t-9")))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET, usd(3025),
                            TransferStatus.COMPLETED, null, NOW, NOW, "refund", "transfer-0", null,
                            Map.of("ticket", "t-9")));
        }

        @Test
        void anAdminSendsEverythingAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("100.00"), OTHER_WALLET, null, ADMIN))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(10000), OTHER_WALLET, null, NOW,
                            true))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET, usd(10000),
                            TransferStatus.COMPLETED, null, NOW, NOW));
        }

        @Test
        void sendingMoreThanAvailableIsRejected() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("100.01"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void sendingFromAnEmptyWalletIsRejected() {
            fixture.given(opened())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("0.01"), OTHER_WALLET, null, ADMIN))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void holdsCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), holdPlaced(4000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("60.01"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void whatHoldsDoNotReserveCanBeSent() {
            fixture.given(opened(), deposited(10000), holdPlaced(4000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("60.00"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(6000), OTHER_WALLET, null, NOW,
                            true));
        }

        @Test
        void earlierTransfersCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), sent(6000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("40.01"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletSendsNothing() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                    .expectNoEvents();
        }

        @Test
        void aClosedWalletSendsNothing() {
            fixture.given(opened(), closed())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), OTHER_WALLET, null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @Test
        void aClientWhoIsNotTheOwnerIsToldTheSourceDoesNotExist() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aStrangerIsNotToldWhetherTheirAmountWasValid() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.005"), OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aStrangerLearnsNothingAboutAFrozenSource() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotSend() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1.00"), OTHER_WALLET, null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "a transfer of \"{0}\" USD is refused")
        @ValueSource(strings = {"1.005", "1.000", "92233720368547758.08"})
        void aBadAmountLiteralIsRejectedWhateverTheFunds(String amount) {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse(amount), OTHER_WALLET, null, OWNER_CLIENT))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void theSourcesCurrencyDecidesTheScale() {
            fixture.given(opened("JPY"), new MoneyDeposited(WALLET, "dep", money(5000, "JPY"), null, EARLIER))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, Amount.parse("1500"), OTHER_WALLET, null, OWNER_CLIENT))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, money(1500, "JPY"), OTHER_WALLET, null,
                            NOW, true))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET,
                            money(1500, "JPY"), TransferStatus.COMPLETED, null, NOW, NOW));
        }

        @Test
        void whatWasSentLeavesTheBalanceExactly() {
            fixture.given(opened(), deposited(10000))
                    .andGivenCommands(new SendTransferCommand(WALLET, TRANSFER, "send", Amount.parse("25.00"), OTHER_WALLET,
                            null, OWNER_CLIENT))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("75.00"), null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(7500), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(7500),
                            usd(0), usd(0), usd(0), 4, NOW));
        }

        @Test
        void notOneCentMoreThanRemainsCanBeWithdrawnAfterASend() {
            fixture.given(opened(), deposited(10000))
                    .andGivenCommands(new SendTransferCommand(WALLET, TRANSFER, "send", Amount.parse("25.00"), OTHER_WALLET,
                            null, OWNER_CLIENT))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("75.01"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }
    }

    @Nested
    class Receiving {

        @Test
        void theDestinationIsCreditedAndAnswersWithItsBalanceAfter() {
            fixture.given(opened(), deposited(1000))
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, "rent",
                            PROCESS))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TransferReceived(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, "rent",
                            NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(3500), usd(0), usd(3500), 3, NOW));
        }

        @Test
        void heldMoneyStaysHeldWhenATransferArrives() {
            fixture.given(opened(), deposited(1000), holdPlaced(400))
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null,
                            PROCESS))
                    .expectEvents(new TransferReceived(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(3500), usd(400), usd(3100), 4, NOW));
        }

        @Test
        void aFrozenWalletStillReceives() {
            fixture.given(opened(), deposited(1000), frozen())
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null,
                            PROCESS))
                    .expectEvents(new TransferReceived(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(3500), usd(0), usd(3500), 4, NOW));
        }

        @Test
        void aClosedWalletRefusesATransfer() {
            fixture.given(opened(), closed())
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null,
                            PROCESS))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "a USD wallet refuses {0}")
        @ValueSource(strings = {"EUR", "JPY", "CRD"})
        void aWalletOfAnotherCurrencyRefusesATransfer(String currency) {
            fixture.given(opened(), deposited(1000))
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, money(2500, currency), OTHER_WALLET,
                            null, PROCESS))
                    .expectException(ledgerError(ErrorCode.CURRENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void aTransferThatWouldOverflowTheBalanceIsRejected() {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(1), OTHER_WALLET, null, PROCESS))
                    .expectException(ledgerError(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        /** The idempotency interceptor turns this into NOT_FOUND for the transfer process, which then returns. */
        @Test
        void anUnknownDestinationIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, null,
                            PROCESS))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void receivedMoneyCanBeWithdrawnToTheCent() {
            fixture.given(opened(), deposited(1000), received(2500))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("35.00"), null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(3500), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(3500),
                            usd(0), usd(0), usd(0), 4, NOW));
        }

        @Test
        void notOneCentMoreThanWasReceivedCanBeWithdrawn() {
            fixture.given(opened(), deposited(1000))
                    .andGivenCommands(new ReceiveTransferCommand(WALLET, TRANSFER, "receive", usd(2500),
                            OTHER_WALLET, null, PROCESS))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("35.01"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }
    }

    @Nested
    class Returning {

        @Test
        void theSourceGetsTheAmountBackAndAnswersWithItsBalanceAfter() {
            fixture.given(opened(), deposited(10000), sent(2500))
                    .when(new ReturnTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            "currency-mismatch", PROCESS))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TransferReturned(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            "currency-mismatch", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(10000), usd(0), usd(10000), 4, NOW));
        }

        @Test
        void aClosedSourceStillTakesItsMoneyBack() {
            fixture.given(opened(), deposited(2500), sent(2500), closed())
                    .when(new ReturnTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            "wallet-not-active", PROCESS))
                    .expectEvents(new TransferReturned(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            "wallet-not-active", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(2500), usd(0), usd(2500), 5, NOW));
        }

        @Test
        void aFrozenSourceStillTakesItsMoneyBack() {
            fixture.given(opened(), deposited(10000), sent(2500), frozen())
                    .when(new ReturnTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, "not-found",
                            PROCESS))
                    .expectEvents(new TransferReturned(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            "not-found", NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(10000), usd(0), usd(10000), 5, NOW));
        }

        @Test
        void heldMoneyStaysHeldWhenATransferComesBack() {
            fixture.given(opened(), deposited(10000), holdPlaced(1000), sent(2500))
                    .when(new ReturnTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, "not-found",
                            PROCESS))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.TRANSFER_RECEIVED,
                            usd(2500), usd(10000), usd(1000), usd(9000), 5, NOW));
        }

        @Test
        void aReturnedTransferCanBeWithdrawnToTheCent() {
            fixture.given(opened(), deposited(10000))
                    .andGivenCommands(
                            new SendTransferCommand(WALLET, TRANSFER, "send", Amount.parse("25.00"), OTHER_WALLET, null,
                                    OWNER_CLIENT),
                            new ReturnTransferCommand(WALLET, TRANSFER, "return", usd(2500), OTHER_WALLET,
                                    "currency-mismatch", PROCESS))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.00"), null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                            usd(0), usd(0), usd(0), 5, NOW));
        }

        @Test
        void notOneCentMoreThanCameBackCanBeWithdrawn() {
            fixture.given(opened(), deposited(10000), sent(2500), returned(2500))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, Amount.parse("100.01"), null, OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "the failure code {0} is kept on the event")
        @EnumSource(value = ErrorCode.class, names = {"CURRENCY_MISMATCH", "NOT_FOUND", "WALLET_NOT_ACTIVE",
                "VALIDATION_FAILED"})
        void theReturnCarriesTheDestinationsRefusal(ErrorCode refusal) {
            fixture.given(opened(), deposited(10000), sent(2500))
                    .when(new ReturnTransferCommand(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET, refusal.code(),
                            PROCESS))
                    .expectEvents(new TransferReturned(WALLET, TRANSFER, ENTRY, usd(2500), OTHER_WALLET,
                            refusal.code(), NOW));
        }
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

    private static HoldPlaced holdPlaced(long cents) {
        return new HoldPlaced(WALLET, "hold-" + cents, "hold-entry-" + cents, usd(cents), null,
                EARLIER.plusSeconds(Wallet.MAX_HOLD_SECONDS), EARLIER);
    }

    private static TransferSent sent(long cents) {
        return new TransferSent(WALLET, "sent-" + cents, "sent-entry-" + cents, usd(cents), OTHER_WALLET, null,
                EARLIER, true);
    }

    private static TransferReceived received(long cents) {
        return new TransferReceived(WALLET, "received-" + cents, "received-entry-" + cents, usd(cents),
                OTHER_WALLET, null, EARLIER);
    }

    private static TransferReturned returned(long cents) {
        return new TransferReturned(WALLET, "sent-" + cents, "returned-entry-" + cents, usd(cents), OTHER_WALLET,
                "not-found", EARLIER);
    }

    private static WalletFrozen frozen() {
        return new WalletFrozen(WALLET, "freeze", EARLIER);
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

    /** Not an outcome to record for the key: the whole transaction rolls back, the debit with it. */
    private static Matcher<Object> undoingEverything() {
        return hasProperty("outcome", is(false));
    }

    /**
     * The command gateway under {@link ProcessCommands}, standing in for the destination wallet: it records the
     * credits the source sends and answers each with a success, or with the refusal a test programs.
     */
    private static final class Destination extends SendAndWaitOnlyGateway {

        private final List<ReceiveTransferCommand> credits = new ArrayList<>();
        private ErrorCode refusal;

        void refuseWith(ErrorCode code) {
            refusal = code;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            ReceiveTransferCommand credit = (ReceiveTransferCommand) ((CommandMessage<?>) command).getPayload();
            credits.add(credit);
            if (refusal != null) {
                return (R) CommandOutcome.rejected(refusal == ErrorCode.NOT_FOUND
                        ? LedgerException.notFound("aggregate " + credit.walletId())
                        : new LedgerException(refusal, "refused by the destination"));
            }
            return (R) CommandOutcome.success(new EntryResult(credit.entryId(), credit.walletId(),
                    EntryType.TRANSFER_RECEIVED, credit.amount(), credit.amount(), usd(0), credit.amount(), 2, NOW));
        }

    }

}
