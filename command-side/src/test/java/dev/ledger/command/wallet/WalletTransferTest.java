package dev.ledger.command.wallet;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static dev.ledger.command.LedgerErrorMatchers.validationFailedOn;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
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
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wallet's three transfer steps: the source debits ({@link SendTransferCommand}), the destination is credited
 * ({@link ReceiveTransferCommand}) or the source gets the money back ({@link ReturnTransferCommand}).
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

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Nested
    class Sending {

        @Test
        void theOwnerSendsWithinAvailableAndTheTransferIsPending() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "30.25", OTHER_WALLET, "rent",
                            OWNER_CLIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(3025), OTHER_WALLET, "rent", NOW))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET, usd(3025),
                            TransferStatus.PENDING, null, NOW, null));
        }

        @Test
        void anAdminSendsEverythingAvailable() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "100.00", OTHER_WALLET, null, ADMIN))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(10000), OTHER_WALLET, null, NOW))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET, usd(10000),
                            TransferStatus.PENDING, null, NOW, null));
        }

        @Test
        void sendingMoreThanAvailableIsRejected() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "100.01", OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void sendingFromAnEmptyWalletIsRejected() {
            fixture.given(opened())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "0.01", OTHER_WALLET, null, ADMIN))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void holdsCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), holdPlaced(4000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "60.01", OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void whatHoldsDoNotReserveCanBeSent() {
            fixture.given(opened(), deposited(10000), holdPlaced(4000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "60.00", OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, usd(6000), OTHER_WALLET, null, NOW));
        }

        @Test
        void earlierTransfersCountAgainstAvailable() {
            fixture.given(opened(), deposited(10000), sent(6000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "40.01", OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void aFrozenWalletSendsNothing() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.00", OTHER_WALLET, null,
                            OWNER_CLIENT))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "FROZEN")))
                    .expectNoEvents();
        }

        @Test
        void aClosedWalletSendsNothing() {
            fixture.given(opened(), closed())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.00", OTHER_WALLET, null, ADMIN))
                    .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE, Map.of("currentState", "CLOSED")))
                    .expectNoEvents();
        }

        @Test
        void aClientWhoIsNotTheOwnerIsToldTheSourceDoesNotExist() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.00", OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aStrangerIsNotToldWhetherTheirAmountWasValid() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.005", OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aStrangerLearnsNothingAboutAFrozenSource() {
            fixture.given(opened(), deposited(10000), frozen())
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.00", OTHER_WALLET, null, STRANGER))
                    .expectException(ledgerError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anAuditorCannotSend() {
            fixture.given(opened(), deposited(10000))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1.00", OTHER_WALLET, null, AUDITOR))
                    .expectException(ledgerError(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "a transfer of \"{0}\" USD is refused")
        @NullAndEmptySource
        @ValueSource(strings = {"1.005", "1.000", "1e3", "-1.00", "+1.00", " 1.00", "1.", ".5", "0.00", "0",
                "92233720368547758.08"})
        void aBadAmountLiteralIsRejectedWhateverTheFunds(String amount) {
            fixture.given(opened(), deposited(Long.MAX_VALUE))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, amount, OTHER_WALLET, null, OWNER_CLIENT))
                    .expectException(validationFailedOn("amount"))
                    .expectNoEvents();
        }

        @Test
        void theSourcesCurrencyDecidesTheScale() {
            fixture.given(opened("JPY"), new MoneyDeposited(WALLET, "dep", money(5000, "JPY"), null, EARLIER))
                    .when(new SendTransferCommand(WALLET, TRANSFER, ENTRY, "1500", OTHER_WALLET, null, OWNER_CLIENT))
                    .expectEvents(new TransferSent(WALLET, TRANSFER, ENTRY, money(1500, "JPY"), OTHER_WALLET, null,
                            NOW))
                    .expectResultMessagePayload(new TransferView(TRANSFER, WALLET, OTHER_WALLET,
                            money(1500, "JPY"), TransferStatus.PENDING, null, NOW, null));
        }

        @Test
        void whatWasSentLeavesTheBalanceExactly() {
            fixture.given(opened(), deposited(10000))
                    .andGivenCommands(new SendTransferCommand(WALLET, TRANSFER, "send", "25.00", OTHER_WALLET,
                            null, OWNER_CLIENT))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "75.00", null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(7500), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(7500),
                            usd(0), usd(0), usd(0), 4, NOW));
        }

        @Test
        void notOneCentMoreThanRemainsCanBeWithdrawnAfterASend() {
            fixture.given(opened(), deposited(10000))
                    .andGivenCommands(new SendTransferCommand(WALLET, TRANSFER, "send", "25.00", OTHER_WALLET,
                            null, OWNER_CLIENT))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "75.01", null, OWNER_CLIENT))
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
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "35.00", null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(3500), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(3500),
                            usd(0), usd(0), usd(0), 4, NOW));
        }

        @Test
        void notOneCentMoreThanWasReceivedCanBeWithdrawn() {
            fixture.given(opened(), deposited(1000))
                    .andGivenCommands(new ReceiveTransferCommand(WALLET, TRANSFER, "receive", usd(2500),
                            OTHER_WALLET, null, PROCESS))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "35.01", null, OWNER_CLIENT))
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
                            new SendTransferCommand(WALLET, TRANSFER, "send", "25.00", OTHER_WALLET, null,
                                    OWNER_CLIENT),
                            new ReturnTransferCommand(WALLET, TRANSFER, "return", usd(2500), OTHER_WALLET,
                                    "currency-mismatch", PROCESS))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "100.00", null, OWNER_CLIENT))
                    .expectEvents(new MoneyWithdrawn(WALLET, ENTRY, usd(10000), null, NOW))
                    .expectResultMessagePayload(new EntryResult(ENTRY, WALLET, EntryType.WITHDRAWN, usd(10000),
                            usd(0), usd(0), usd(0), 5, NOW));
        }

        @Test
        void notOneCentMoreThanCameBackCanBeWithdrawn() {
            fixture.given(opened(), deposited(10000), sent(2500), returned(2500))
                    .when(new WithdrawMoneyCommand(WALLET, ENTRY, "100.01", null, OWNER_CLIENT))
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
                EARLIER);
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

}
