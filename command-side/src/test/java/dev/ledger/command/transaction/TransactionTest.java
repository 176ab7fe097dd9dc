package dev.ledger.command.transaction;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static dev.ledger.command.LedgerErrorMatchers.validationFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;

import dev.ledger.command.SendAndWaitOnlyGateway;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.access.Role;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transaction.CreditForTransactionCommand;
import dev.ledger.events.transaction.DebitForTransactionCommand;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.PostTransactionCommand;
import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.ReverseTransactionCommand;
import dev.ledger.events.transaction.TransactionLeg;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transaction.TransactionStatus;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.InspectWalletCommand;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final String TRANSACTION = "transaction-1";
    private static final String REVERSAL = "transaction-2";
    // ids chosen so that the legs' order (buyer, seller, platform) is not the lock order (platform, seller, buyer)
    private static final String BUYER_WALLET = "wallet-c-buyer";
    private static final String SELLER_WALLET = "wallet-b-seller";
    private static final String PLATFORM_WALLET = "wallet-a-platform";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static final Actor ADMIN = Actor.admin("admin:1");
    private static final Actor BUYER = Actor.client("buyer");
    private static final Actor AUDITOR = new Actor("auditor:1", Role.AUDITOR, null);
    private static final Actor PROCESS = Actor.admin("process:transaction");

    private FixtureConfiguration<Transaction> fixture;
    private FakeWallets wallets;

    @BeforeEach
    void setUp() {
        wallets = new FakeWallets();
        wallets.open(BUYER_WALLET, "buyer", "USD", WalletStatus.ACTIVE, 10_000);
        wallets.open(SELLER_WALLET, "seller", "USD", WalletStatus.ACTIVE, 0);
        wallets.open(PLATFORM_WALLET, "platform", "USD", WalletStatus.ACTIVE, 0);
        fixture = new AggregateTestFixture<>(Transaction.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new ProcessCommands(wallets));
    }

    private static Money usd(long minorUnits) {
        return Money.of(minorUnits, "USD");
    }

    private static List<TransactionLeg> sale(long price, long fee) {
        return List.of(new TransactionLeg(BUYER_WALLET, LegDirection.DEBIT, usd(price + fee)),
                new TransactionLeg(SELLER_WALLET, LegDirection.CREDIT, usd(price)),
                new TransactionLeg(PLATFORM_WALLET, LegDirection.CREDIT, usd(fee)));
    }

    private static PostTransactionCommand post(Actor actor, List<TransactionLeg> legs) {
        return new PostTransactionCommand(TRANSACTION, "USD", legs, "order 7", Map.of("orderId", "o-7"), null, actor);
    }

    private static TransactionPosted posted() {
        return new TransactionPosted(TRANSACTION, "USD", List.of(
                new PostedLeg(BUYER_WALLET, "buyer", LegDirection.DEBIT, usd(5_000)),
                new PostedLeg(SELLER_WALLET, "seller", LegDirection.CREDIT, usd(4_500)),
                new PostedLeg(PLATFORM_WALLET, "platform", LegDirection.CREDIT, usd(500))),
                "order 7", Map.of("orderId", "o-7"), null, NOW);
    }

    @Test
    void aSplitPaymentLocksEveryWalletInIdOrderThenBooksDebitsBeforeCredits() {
        fixture.givenNoPriorActivity()
                .when(post(BUYER, sale(4_500, 500)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(posted())
                .expectResultMessagePayload(new TransactionView(TRANSACTION, "USD", sale(4_500, 500), "order 7",
                        Map.of("orderId", "o-7"), TransactionStatus.POSTED, null, NOW, 1));

        assertThat(wallets.payloads().subList(0, 3)).as("locked in id order, debited wallets as the caller sees them")
                .containsExactly(new InspectWalletCommand(PLATFORM_WALLET, PROCESS),
                        new InspectWalletCommand(SELLER_WALLET, PROCESS), new InspectWalletCommand(BUYER_WALLET, BUYER));
        assertThat(wallets.payloads().subList(3, 6)).containsExactly(
                new DebitForTransactionCommand(BUYER_WALLET, TRANSACTION,
                        ProcessCommands.stepId(TRANSACTION, "leg:" + BUYER_WALLET), usd(5_000), "order 7", BUYER),
                new CreditForTransactionCommand(SELLER_WALLET, TRANSACTION,
                        ProcessCommands.stepId(TRANSACTION, "leg:" + SELLER_WALLET), usd(4_500), "order 7"),
                new CreditForTransactionCommand(PLATFORM_WALLET, TRANSACTION,
                        ProcessCommands.stepId(TRANSACTION, "leg:" + PLATFORM_WALLET), usd(500), "order 7"));
    }

    @Test
    void unbalancedLegsAreRefusedBeforeAnyWalletIsAsked() {
        fixture.givenNoPriorActivity()
                .when(post(BUYER, List.of(new TransactionLeg(BUYER_WALLET, LegDirection.DEBIT, usd(100)),
                        new TransactionLeg(SELLER_WALLET, LegDirection.CREDIT, usd(99)))))
                .expectException(validationFailedOn("legs"))
                .expectNoEvents();
        assertThat(wallets.payloads()).isEmpty();
    }

    @Test
    void aWalletNamedTwiceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(post(BUYER, List.of(new TransactionLeg(BUYER_WALLET, LegDirection.DEBIT, usd(100)),
                        new TransactionLeg(BUYER_WALLET, LegDirection.CREDIT, usd(100)))))
                .expectException(validationFailedOn("legs[1].walletId"))
                .expectNoEvents();
    }

    @Test
    void aSingleLegIsNotATransaction() {
        fixture.givenNoPriorActivity()
                .when(post(ADMIN, List.of(new TransactionLeg(BUYER_WALLET, LegDirection.DEBIT, usd(100)))))
                .expectException(validationFailedOn("legs"))
                .expectNoEvents();
    }

    @Test
    void aWalletInAnotherCurrencyIsRefusedByName() {
        wallets.open(SELLER_WALLET, "seller", "EUR", WalletStatus.ACTIVE, 0);
        fixture.givenNoPriorActivity()
                .when(post(BUYER, sale(4_500, 500)))
                .expectException(ledgerError(ErrorCode.CURRENCY_MISMATCH, Map.of("walletId", SELLER_WALLET)))
                .expectNoEvents();
        assertThat(wallets.payloads()).as("nothing booked").allMatch(InspectWalletCommand.class::isInstance);
    }

    @Test
    void notEnoughMoneyOnADebitedWalletIsRefusedAndRecordedAsTheOutcome() {
        fixture.givenNoPriorActivity()
                .when(post(BUYER, sale(9_600, 500)))
                .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS, Map.of("walletId", BUYER_WALLET)))
                .expectNoEvents();
        assertThat(wallets.payloads()).allMatch(InspectWalletCommand.class::isInstance);
    }

    @Test
    void aFrozenWalletIsNotDebitedButStillCredited() {
        wallets.open(BUYER_WALLET, "buyer", "USD", WalletStatus.FROZEN, 10_000);
        fixture.givenNoPriorActivity()
                .when(post(ADMIN, sale(4_500, 500)))
                .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE,
                        Map.of("walletId", BUYER_WALLET, "currentState", "FROZEN")));

        wallets.open(BUYER_WALLET, "buyer", "USD", WalletStatus.ACTIVE, 10_000);
        wallets.open(SELLER_WALLET, "seller", "USD", WalletStatus.FROZEN, 0);
        fixture.givenNoPriorActivity()
                .when(post(ADMIN, sale(4_500, 500)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aClosedWalletIsNotCredited() {
        wallets.open(PLATFORM_WALLET, "platform", "USD", WalletStatus.CLOSED, 0);
        fixture.givenNoPriorActivity()
                .when(post(BUYER, sale(4_500, 500)))
                .expectException(ledgerError(ErrorCode.WALLET_NOT_ACTIVE,
                        Map.of("walletId", PLATFORM_WALLET, "currentState", "CLOSED")))
                .expectNoEvents();
    }

    @Test
    void aClientCannotDebitAWalletItDoesNotOwn() {
        fixture.givenNoPriorActivity()
                .when(post(Actor.client("seller"), sale(4_500, 500)))
                .expectException(ledgerError(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void auditorsMoveNoMoney() {
        fixture.givenNoPriorActivity()
                .when(post(AUDITOR, sale(4_500, 500)))
                .expectException(ledgerError(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        assertThat(wallets.payloads()).isEmpty();
    }

    @Test
    void aLegRefusedAfterTheDecisionUndoesTheLegsBookedBeforeIt() {
        wallets.refuse(CreditForTransactionCommand.class, ErrorCode.VALIDATION_FAILED);
        fixture.givenNoPriorActivity()
                .when(post(BUYER, sale(4_500, 500)))
                .expectException(allOf(ledgerError(ErrorCode.VALIDATION_FAILED, Map.of("walletId", SELLER_WALLET)),
                        undoingEverything()))
                .expectNoEvents();
    }

    @Test
    void anAdminReversesATransactionWithOneThatSwapsEveryLeg() {
        fixture.given(posted())
                .when(new ReverseTransactionCommand(TRANSACTION, REVERSAL, "refund", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransactionReversed(TRANSACTION, REVERSAL, "refund", NOW));

        assertThat(wallets.sent(PostTransactionCommand.class)).containsExactly(new PostTransactionCommand(REVERSAL,
                "USD", List.of(new TransactionLeg(BUYER_WALLET, LegDirection.CREDIT, usd(5_000)),
                new TransactionLeg(SELLER_WALLET, LegDirection.DEBIT, usd(4_500)),
                new TransactionLeg(PLATFORM_WALLET, LegDirection.DEBIT, usd(500))), "refund", Map.of(),
                TRANSACTION, ADMIN));
    }

    @Test
    void aTransactionIsReversedOnce() {
        fixture.given(posted(), new TransactionReversed(TRANSACTION, REVERSAL, null, NOW))
                .when(new ReverseTransactionCommand(TRANSACTION, "transaction-3", null, ADMIN))
                .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION, Map.of("currentState", "REVERSED")))
                .expectNoEvents();
        assertThat(wallets.payloads()).isEmpty();
    }

    @Test
    void aReversalAWalletCannotPayBackLeavesTheTransactionPosted() {
        wallets.refuse(PostTransactionCommand.class, ErrorCode.INSUFFICIENT_FUNDS);
        fixture.given(posted())
                .when(new ReverseTransactionCommand(TRANSACTION, REVERSAL, null, ADMIN))
                .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                .expectNoEvents();
    }

    @Test
    void onlyAnAdminReverses() {
        fixture.given(posted())
                .when(new ReverseTransactionCommand(TRANSACTION, REVERSAL, null, BUYER))
                .expectException(ledgerError(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    /** A refusal that rolls back the whole transaction: the buyer's debit, already booked, with it. */
    private static Matcher<LedgerException> undoingEverything() {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException actual, Description mismatch) {
                mismatch.appendText("undoesEverything() was ").appendValue(actual.undoesEverything());
                return actual.undoesEverything();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal undoing everything the command did");
            }
        };
    }

    /** The wallets a transaction talks to through {@link ProcessCommands}: they answer as the real ones decide. */
    private static final class FakeWallets extends SendAndWaitOnlyGateway {

        private final List<CommandMessage<?>> sent = new ArrayList<>();
        private final Map<String, WalletView> walletsById = new HashMap<>();
        private final Map<Class<?>, ErrorCode> refusals = new HashMap<>();

        void open(String walletId, String ownerId, String currency, WalletStatus status, long balance) {
            Money money = Money.of(balance, currency);
            walletsById.put(walletId, new WalletView(walletId, ownerId, currency, null, status, money,
                    Money.zero(currency), money, 1, NOW, NOW));
        }

        void refuse(Class<?> commandType, ErrorCode code) {
            refusals.put(commandType, code);
        }

        List<Object> payloads() {
            return sent.stream().<Object>map(CommandMessage::getPayload).toList();
        }

        <C> List<C> sent(Class<C> commandType) {
            return sent.stream().map(CommandMessage::getPayload).filter(commandType::isInstance)
                    .map(commandType::cast).toList();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            sent.add(message);
            ErrorCode refused = refusals.get(message.getPayloadType());
            if (refused != null) {
                return (R) CommandOutcome.rejected(new LedgerException(refused, "refused by the wallet"));
            }
            return (R) answer(message.getPayload());
        }

        private CommandOutcome answer(Object command) {
            if (command instanceof InspectWalletCommand inspect) {
                WalletView wallet = walletsById.get(inspect.walletId());
                if (wallet == null || !inspect.actor().canSee(wallet.ownerId())) {
                    return CommandOutcome.rejected(LedgerException.notFound("aggregate " + inspect.walletId()));
                }
                return CommandOutcome.success(wallet);
            }
            if (command instanceof DebitForTransactionCommand debit) {
                return CommandOutcome.success(new EntryResult(debit.entryId(), debit.walletId(),
                        EntryType.TRANSACTION_DEBITED, debit.amount(), usd(0), usd(0), usd(0), 2, NOW));
            }
            if (command instanceof CreditForTransactionCommand credit) {
                return CommandOutcome.success(new EntryResult(credit.entryId(), credit.walletId(),
                        EntryType.TRANSACTION_CREDITED, credit.amount(), credit.amount(), usd(0), credit.amount(), 2,
                        NOW));
            }
            if (command instanceof PostTransactionCommand post) {
                return CommandOutcome.success(new TransactionView(post.transactionId(), post.currency(), post.legs(),
                        post.reference(), post.metadata(), TransactionStatus.POSTED, post.reversalOf(), NOW, 1));
            }
            throw new AssertionError("a transaction has no business sending " + command);
        }

    }
}
