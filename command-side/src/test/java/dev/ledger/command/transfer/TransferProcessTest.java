package dev.ledger.command.transfer;

import static dev.ledger.events.idempotency.CommandMetadata.IDEMPOTENCY_KEY;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN;
import static dev.ledger.events.idempotency.CommandMetadata.ORIGIN_PROCESS;
import static dev.ledger.events.idempotency.CommandMetadata.PRINCIPAL;
import static dev.ledger.events.idempotency.CommandMetadata.REQUEST_HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.command.idempotency.IdempotencyInterceptor;
import dev.ledger.command.idempotency.IdempotencyStore;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.command.wallet.Wallet;
import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat;
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
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.OpenWalletCommand;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transfer process as a plain event handler, driven with {@link TransferSent} events of the former flow (sent,
 * not yet credited: docs/adr/006) the way its processor would deliver them (redeliveries included), against a command
 * gateway that records what it is asked to send; and with real wallets, where a transfer of today settles in its own
 * unit of work and the process leaves it alone (docs/adr/012).
 */
class TransferProcessTest {

    private static final String TRANSFER = "transfer-1";
    private static final String SOURCE = "wallet-source";
    private static final String DESTINATION = "wallet-destination";
    private static final Instant SENT_AT = Instant.parse("2025-03-01T11:59:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static final Actor PROCESS_ACTOR = Actor.admin("process:transfer");
    private static final String CREDIT_KEY = "transfer:" + TRANSFER + ":credit";
    private static final String RETURN_KEY = "transfer:" + TRANSFER + ":return";

    private RecordingCommandGateway commands;
    private TransferProcess process;

    @BeforeEach
    void setUp() {
        commands = new RecordingCommandGateway();
        process = new TransferProcess(new ProcessCommands(commands));
    }

    @Test
    void aTransferCreditedInItsOwnTransactionIsPassedOver() {
        process.on(new TransferSent(SOURCE, TRANSFER, "send-entry", usd(2500), DESTINATION, "rent", SENT_AT, true));

        assertThat(commands.sent()).isEmpty();
    }

    @Nested
    class WhenTheDestinationAcceptsTheCredit {

        @Test
        void exactlyOneCreditGoesToTheDestinationForTheSentAmount() {
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()));

            process.on(sent());

            assertThat(commands.payloads()).containsExactly(new ReceiveTransferCommand(DESTINATION, TRANSFER,
                    TransferProcess.stepId(TRANSFER, "credit"), usd(2500), SOURCE, "rent", PROCESS_ACTOR));
        }

        @Test
        void theCreditCarriesTheStepsIdempotencyKeyAndTheProcessAsPrincipalAndOrigin() {
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()));

            process.on(sent());

            MetaData metaData = commands.sent().get(0).getMetaData();
            assertThat(metaData).containsEntry(IDEMPOTENCY_KEY, CREDIT_KEY)
                    .containsEntry(PRINCIPAL, "process:transfer")
                    .containsEntry(ORIGIN, ORIGIN_PROCESS);
            assertThat(metaData.get(REQUEST_HASH)).isNotNull();
        }

        @Test
        void aReplayedCreditIsASuccessTooAndReturnsNothing() {
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()).asReplay());

            process.on(sent());

            assertThat(commands.payloads()).singleElement().isInstanceOf(ReceiveTransferCommand.class);
        }

        @Test
        void aCreditThatCouldNotRunFailsTheEventAndReturnsNothing() {
            // no outcome at all (the bus or the database failed): the processor must retry the credit, not give up
            RuntimeException lost = new IllegalStateException("connection lost");
            commands.answer(ReceiveTransferCommand.class, lost);

            assertThatThrownBy(() -> process.on(sent())).isSameAs(lost);
            assertThat(commands.payloads()).singleElement().isInstanceOf(ReceiveTransferCommand.class);
        }
    }

    @Nested
    class WhenTheDestinationRefusesTheCredit {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ErrorCode.class, names = {"CURRENCY_MISMATCH", "NOT_FOUND", "WALLET_NOT_ACTIVE",
                "VALIDATION_FAILED"})
        void theAmountGoesBackToTheSourceCarryingTheRefusal(ErrorCode refusal) {
            commands.answer(ReceiveTransferCommand.class, refused(refusal));
            commands.answer(ReturnTransferCommand.class, CommandOutcome.success(returned()));

            process.on(sent());

            assertThat(commands.payloads()).containsExactly(
                    new ReceiveTransferCommand(DESTINATION, TRANSFER, TransferProcess.stepId(TRANSFER, "credit"),
                            usd(2500), SOURCE, "rent", PROCESS_ACTOR),
                    new ReturnTransferCommand(SOURCE, TRANSFER, TransferProcess.stepId(TRANSFER, "return"),
                            usd(2500), DESTINATION, refusal.code(), PROCESS_ACTOR));
        }

        @Test
        void theReturnCarriesItsOwnIdempotencyKeyAndTheProcessAsPrincipalAndOrigin() {
            commands.answer(ReceiveTransferCommand.class, refused(ErrorCode.CURRENCY_MISMATCH));
            commands.answer(ReturnTransferCommand.class, CommandOutcome.success(returned()));

            process.on(sent());

            assertThat(commands.sent()).hasSize(2);
            MetaData metaData = commands.sent().get(1).getMetaData();
            assertThat(metaData).containsEntry(IDEMPOTENCY_KEY, RETURN_KEY)
                    .containsEntry(PRINCIPAL, "process:transfer")
                    .containsEntry(ORIGIN, ORIGIN_PROCESS);
            assertThat(metaData.get(REQUEST_HASH)).isNotNull();
        }

        @Test
        void aRefusedReturnFailsTheEventSoTheProcessorRetriesInsteadOfLosingTheMoney() {
            commands.answer(ReceiveTransferCommand.class, refused(ErrorCode.NOT_FOUND));
            commands.answer(ReturnTransferCommand.class, refused(ErrorCode.NOT_FOUND));

            assertThatThrownBy(() -> process.on(sent()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(TRANSFER);
            assertThat(commands.payloads()).hasSize(2);
        }

        @Test
        void aReturnThatCouldNotRunFailsTheEvent() {
            RuntimeException lost = new IllegalStateException("connection lost");
            commands.answer(ReceiveTransferCommand.class, refused(ErrorCode.CURRENCY_MISMATCH));
            commands.answer(ReturnTransferCommand.class, lost);

            assertThatThrownBy(() -> process.on(sent())).isSameAs(lost);
        }
    }

    @Nested
    class WhenTheEventIsRedelivered {

        @Test
        void theSameCreditIsSentAgainUnderTheSameKey() {
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()),
                    CommandOutcome.success(credited()).asReplay());

            process.on(sent());
            process.on(sent());

            assertThat(commands.sent()).hasSize(2);
            assertSameCommand(commands.sent().get(1), commands.sent().get(0));
            assertThat(commands.sent().get(1).getMetaData().get(IDEMPOTENCY_KEY)).isEqualTo(CREDIT_KEY);
        }

        @Test
        void bothStepsOfAReturnedTransferAreSentAgainUnderTheirKeys() {
            commands.answer(ReceiveTransferCommand.class, refused(ErrorCode.WALLET_NOT_ACTIVE),
                    refused(ErrorCode.WALLET_NOT_ACTIVE).asReplay());
            commands.answer(ReturnTransferCommand.class, CommandOutcome.success(returned()),
                    CommandOutcome.success(returned()).asReplay());

            process.on(sent());
            process.on(sent());

            assertThat(commands.sent()).hasSize(4);
            assertSameCommand(commands.sent().get(2), commands.sent().get(0));
            assertSameCommand(commands.sent().get(3), commands.sent().get(1));
            assertThat(commands.sent()).extracting(message -> message.getMetaData().get(IDEMPOTENCY_KEY))
                    .containsExactly(CREDIT_KEY, RETURN_KEY, CREDIT_KEY, RETURN_KEY);
        }

        @Test
        void aRetryAfterARefusedReturnSettlesTheTransfer() {
            commands.answer(ReceiveTransferCommand.class, refused(ErrorCode.NOT_FOUND),
                    refused(ErrorCode.NOT_FOUND).asReplay());
            commands.answer(ReturnTransferCommand.class, refused(ErrorCode.NOT_FOUND),
                    CommandOutcome.success(returned()));

            assertThatThrownBy(() -> process.on(sent())).isInstanceOf(IllegalStateException.class);
            assertThatNoException().isThrownBy(() -> process.on(sent()));

            assertThat(commands.sent()).hasSize(4);
            assertSameCommand(commands.sent().get(3), commands.sent().get(1));
        }

        @Test
        void aStepDoesNotPassForTheClientRequestThatCausedTheTransfer() {
            // the processor handles the event in a unit of work whose correlation data is the client's request
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()),
                    CommandOutcome.success(credited()).asReplay());
            EventMessage<TransferSent> event = new GenericEventMessage<>(sent(), Map.of(
                    PRINCIPAL, "client:alice", IDEMPOTENCY_KEY, "client-key", REQUEST_HASH, "client-hash"));

            for (int delivery = 0; delivery < 2; delivery++) {
                DefaultUnitOfWork<EventMessage<TransferSent>> unitOfWork = new DefaultUnitOfWork<>(event);
                unitOfWork.registerCorrelationDataProvider(
                        new SimpleCorrelationDataProvider(PRINCIPAL, IDEMPOTENCY_KEY, REQUEST_HASH));
                unitOfWork.execute(() -> process.on(event.getPayload()));
            }

            assertThat(commands.sent()).hasSize(2).allSatisfy(credit -> assertThat(credit.getMetaData())
                    .containsEntry(IDEMPOTENCY_KEY, CREDIT_KEY)
                    .containsEntry(PRINCIPAL, "process:transfer")
                    .containsEntry(ORIGIN, ORIGIN_PROCESS)
                    .doesNotContainValue("client-hash"));
            assertSameCommand(commands.sent().get(1), commands.sent().get(0));
        }

        @Test
        void eachTransferAndStepHasItsOwnStableEntryId() {
            String credit = TransferProcess.stepId(TRANSFER, "credit");

            assertThat(TransferProcess.stepId(TRANSFER, "credit")).isEqualTo(credit);
            assertThat(UUID.fromString(credit)).hasToString(credit);
            assertThat(TransferProcess.stepId(TRANSFER, "return")).isNotEqualTo(credit);
            assertThat(TransferProcess.stepId("transfer-2", "credit")).isNotEqualTo(credit);
        }

        @Test
        void anotherTransferUsesOtherKeys() {
            commands.answer(ReceiveTransferCommand.class, CommandOutcome.success(credited()),
                    CommandOutcome.success(credited()));

            process.on(sent());
            process.on(new TransferSent(SOURCE, "transfer-2", "send-entry-2", usd(2500), DESTINATION, "rent",
                    SENT_AT, false));

            assertThat(commands.sent()).extracting(message -> message.getMetaData().get(IDEMPOTENCY_KEY))
                    .containsExactly(CREDIT_KEY, "transfer:transfer-2:credit");
        }

        private static void assertSameCommand(CommandMessage<?> again, CommandMessage<?> first) {
            assertThat(again.getPayload()).isEqualTo(first.getPayload());
            assertThat(again.getMetaData()).isEqualTo(first.getMetaData());
        }
    }

    /**
     * The process relies on {@link IdempotencyInterceptor} to turn every refusal of its commands into an outcome
     * and to run each step once. The store is replaced by an in-memory one: its SQL needs PostgreSQL.
     */
    @Nested
    class ThroughTheIdempotencyInterceptor {

        private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        private final IdempotencyInterceptor interceptor =
                new IdempotencyInterceptor(store, Clock.fixed(NOW, ZoneOffset.UTC));

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ErrorCode.class, names = {"NOT_FOUND", "FORBIDDEN", "VALIDATION_FAILED",
                "CURRENCY_MISMATCH", "WALLET_NOT_ACTIVE"})
        void aProcessCommandsRefusalIsRecordedAndAnsweredNotThrown(ErrorCode refusal) throws Exception {
            Object answer = handle(processCommand(), new LedgerException(refusal, "refused"));

            assertThat(answer).isInstanceOfSatisfying(CommandOutcome.class, outcome -> {
                assertThat(outcome.rejection()).isEqualTo(refusal);
                assertThat(outcome.replayed()).isFalse();
            });
            assertThat(store.completed(CREDIT_KEY)).map(CommandOutcome::rejection).contains(refusal);
        }

        @Test
        void aRefusalThatUndoesEverythingIsThrownEvenForAProcessAndNothingIsRecorded() {
            LedgerException undo = new LedgerException(ErrorCode.CURRENCY_MISMATCH, "refused").undoingEverything();

            assertThatThrownBy(() -> handle(processCommand(), undo)).isSameAs(undo);
            assertThat(store.completed(CREDIT_KEY)).isEmpty();
        }

        @Test
        void aMissingDestinationIsNotFoundForAProcess() throws Exception {
            Object answer = handle(processCommand(), new AggregateNotFoundException(DESTINATION, "no events"));

            assertThat(answer).isInstanceOfSatisfying(CommandOutcome.class,
                    outcome -> assertThat(outcome.rejection()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThat(store.completed(CREDIT_KEY)).map(CommandOutcome::rejection).contains(ErrorCode.NOT_FOUND);
        }

        @Test
        void aProcessCommandWithoutAKeyGetsItsRefusalAnsweredAndNothingRecorded() throws Exception {
            CommandMessage<?> unkeyed = GenericCommandMessage.asCommandMessage(sent())
                    .withMetaData(Map.of(PRINCIPAL, "process:transfer", ORIGIN, ORIGIN_PROCESS));

            Object answer = handle(unkeyed, new LedgerException(ErrorCode.NOT_FOUND, "refused"));

            assertThat(answer).isInstanceOfSatisfying(CommandOutcome.class,
                    outcome -> assertThat(outcome.rejection()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThat(store.lookups()).isZero();
        }

        @Test
        void aClientsRefusalIsThrownAndNothingIsRecorded() {
            LedgerException refusal = LedgerException.notFound("wallet " + DESTINATION);

            assertThatThrownBy(() -> handle(clientCommand(), refusal)).isSameAs(refusal);
            assertThat(store.completed(CREDIT_KEY)).isEmpty();
        }

        @Test
        void aClientsMissingAggregateIsThrownAndNothingIsRecorded() {
            AggregateNotFoundException missing = new AggregateNotFoundException(DESTINATION, "no events");

            assertThatThrownBy(() -> handle(clientCommand(), missing)).isSameAs(missing);
            assertThat(store.completed(CREDIT_KEY)).isEmpty();
        }

        @Test
        void aStepThatRanIsNotRunAgainButAnsweredWithItsFirstOutcome() throws Exception {
            int[] runs = {0};
            CommandMessage<?> credit = processCommand();
            Object first = interceptor.handle(new DefaultUnitOfWork<>(credit), () -> ++runs[0]);
            Object again = interceptor.handle(new DefaultUnitOfWork<>(credit), () -> ++runs[0]);

            assertThat(runs[0]).isEqualTo(1);
            assertThat(first).isEqualTo(CommandOutcome.success(1));
            assertThat(again).isEqualTo(CommandOutcome.success(1).asReplay());
        }

        @Test
        void theWholeProcessSettlesOnceThroughTheInterceptor() {
            Map<Class<?>, Integer> runs = new HashMap<>();
            Function<CommandMessage<?>, Object> wallets = message -> {
                runs.merge(message.getPayloadType(), 1, Integer::sum);
                if (message.getPayload() instanceof ReceiveTransferCommand) {
                    throw new AggregateNotFoundException(DESTINATION, "no events");
                }
                return returned();
            };
            TransferProcess wired =
                    new TransferProcess(new ProcessCommands(new InterceptingCommandGateway(interceptor, wallets)));

            wired.on(sent());
            wired.on(sent());

            assertThat(runs).containsExactlyInAnyOrderEntriesOf(
                    Map.of(ReceiveTransferCommand.class, 1, ReturnTransferCommand.class, 1));
            assertThat(store.completed(CREDIT_KEY)).map(CommandOutcome::rejection).contains(ErrorCode.NOT_FOUND);
            assertThat(store.completed(RETURN_KEY)).map(CommandOutcome::result).contains(returned());
        }

        private Object handle(CommandMessage<?> command, RuntimeException thrownByHandler) throws Exception {
            return interceptor.handle(new DefaultUnitOfWork<>(command), () -> {
                throw thrownByHandler;
            });
        }

        private static CommandMessage<?> processCommand() {
            return clientCommand().andMetaData(Map.of(ORIGIN, ORIGIN_PROCESS));
        }

        private static CommandMessage<?> clientCommand() {
            return GenericCommandMessage.asCommandMessage(new ReceiveTransferCommand(DESTINATION, TRANSFER,
                    TransferProcess.stepId(TRANSFER, "credit"), usd(2500), SOURCE, "rent", PROCESS_ACTOR))
                    .withMetaData(Map.of(PRINCIPAL, "process:transfer", IDEMPOTENCY_KEY, CREDIT_KEY,
                            REQUEST_HASH, CREDIT_KEY));
        }
    }

    /**
     * Real wallets on an in-memory event store, behind a command bus with the idempotency interceptor: a transfer
     * neither loses nor creates money, however often its {@link TransferSent} is delivered.
     */
    @Nested
    class WithRealWallets {

        private static final Actor ADMIN = Actor.admin("admin:1");

        private Configuration axon;
        private CommandGateway gateway;
        private TransferProcess wired;

        @BeforeEach
        void start() {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            IdempotencyInterceptor interceptor = new IdempotencyInterceptor(new InMemoryIdempotencyStore(), clock);
            axon = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .configureAggregate(Wallet.class)
                    .registerComponent(Clock.class, c -> clock)
                    .registerComponent(ProcessCommands.class, c -> new ProcessCommands(c.commandGateway()))
                    .configureCommandBus(c -> {
                        SimpleCommandBus bus = SimpleCommandBus.builder().build();
                        bus.registerHandlerInterceptor(interceptor);
                        return bus;
                    })
                    .buildConfiguration();
            axon.start();
            gateway = axon.commandGateway();
            wired = new TransferProcess(new ProcessCommands(gateway));
        }

        @AfterEach
        void stop() {
            axon.shutdown();
        }

        @Test
        void aCreditedTransferMovesTheAmountOnceHoweverOftenItIsDelivered() {
            open(SOURCE, "USD", 10000);
            open(DESTINATION, "USD", 0);

            TransferSent sent = send("25.00");
            wired.on(sent);
            wired.on(sent);
            wired.on(sent);

            assertThat(balance(SOURCE)).isEqualTo(7500);
            assertThat(balance(DESTINATION)).isEqualTo(2500);
            assertThat(events(DESTINATION, TransferReceived.class)).singleElement()
                    .isEqualTo(new TransferReceived(DESTINATION, sent.transferId(),
                            TransferProcess.stepId(sent.transferId(), "credit"), usd(2500), SOURCE, "rent", NOW));
            assertThat(events(SOURCE, TransferReturned.class)).isEmpty();
            assertWithdrawableToTheCent(DESTINATION, "25.00", "25.01");
        }

        @Test
        void aTransferToAWalletOfAnotherCurrencyComesBackOnce() {
            open(SOURCE, "USD", 10000);
            open(DESTINATION, "EUR", 0);

            TransferSent sent = send("25.00");
            wired.on(sent);
            wired.on(sent);

            assertThat(balance(SOURCE)).isEqualTo(10000);
            assertThat(events(DESTINATION, TransferReceived.class)).isEmpty();
            assertThat(events(SOURCE, TransferReturned.class)).singleElement()
                    .extracting(TransferReturned::failureCode).isEqualTo("currency-mismatch");
            assertWithdrawableToTheCent(SOURCE, "100.00", "100.01");
        }

        @Test
        void aTransferToAClosedWalletComesBackOnce() {
            open(SOURCE, "USD", 10000);
            open(DESTINATION, "USD", 0);
            gateway.sendAndWait(new CloseWalletCommand(DESTINATION, "close", ADMIN));

            TransferSent sent = send("25.00");
            wired.on(sent);
            wired.on(sent);

            assertThat(events(SOURCE, TransferReturned.class)).singleElement()
                    .extracting(TransferReturned::failureCode).isEqualTo("wallet-not-active");
            assertWithdrawableToTheCent(SOURCE, "100.00", "100.01");
        }

        @Test
        void aTransferToAnUnknownWalletComesBackOnce() {
            open(SOURCE, "USD", 10000);

            TransferSent sent = send("25.00");
            wired.on(sent);
            wired.on(sent);

            assertThat(events(SOURCE, TransferReturned.class)).singleElement()
                    .extracting(TransferReturned::failureCode).isEqualTo("not-found");
            assertWithdrawableToTheCent(SOURCE, "100.00", "100.01");
        }

        @Test
        void aTransferOfTodayCreditsTheDestinationInItsOwnUnitOfWorkAndTheProcessAddsNothing() {
            open(SOURCE, "USD", 10000);
            open(DESTINATION, "USD", 0);

            TransferView done = gateway.sendAndWait(new SendTransferCommand(SOURCE, TRANSFER, "send-entry", Amount.parse("25.00"),
                    DESTINATION, "rent", ADMIN));
            wired.on(events(SOURCE, TransferSent.class).get(0));

            assertThat(done.status()).isEqualTo(TransferStatus.COMPLETED);
            assertThat(balance(SOURCE)).isEqualTo(7500);
            assertThat(balance(DESTINATION)).isEqualTo(2500);
            assertThat(events(DESTINATION, TransferReceived.class)).singleElement()
                    .extracting(TransferReceived::transferId).isEqualTo(TRANSFER);
        }

        @ParameterizedTest(name = "a destination that refuses with {0} leaves both wallets as they were")
        @EnumSource(value = ErrorCode.class, names = {"CURRENCY_MISMATCH", "WALLET_NOT_ACTIVE", "NOT_FOUND"})
        void aTransferTheDestinationRefusesRecordsNothingOnEitherWallet(ErrorCode refusal) {
            open(SOURCE, "USD", 10000);
            if (refusal != ErrorCode.NOT_FOUND) {
                open(DESTINATION, refusal == ErrorCode.CURRENCY_MISMATCH ? "EUR" : "USD", 0);
            }
            if (refusal == ErrorCode.WALLET_NOT_ACTIVE) {
                gateway.sendAndWait(new CloseWalletCommand(DESTINATION, "close", ADMIN));
            }
            long sourceEvents = axon.eventStore().readEvents(SOURCE).asStream().count();

            assertThatThrownBy(() -> gateway.sendAndWait(new SendTransferCommand(SOURCE, TRANSFER, "send-entry",
                    Amount.parse("25.00"), DESTINATION, "rent", ADMIN)))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo(refusal));

            assertThat(axon.eventStore().readEvents(SOURCE).asStream().count()).isEqualTo(sourceEvents);
            assertThat(events(DESTINATION, TransferReceived.class)).isEmpty();
            assertWithdrawableToTheCent(SOURCE, "100.00", "100.01");
        }

        private void open(String walletId, String currency, long minorUnits) {
            gateway.sendAndWait(new OpenWalletCommand(walletId, "owner-of-" + walletId, currency, null, ADMIN));
            if (minorUnits > 0) {
                gateway.sendAndWait(new DepositMoneyCommand(walletId, "deposit-" + walletId,
                        Amount.of(Money.of(minorUnits, currency)), null, ADMIN));
            }
        }

        /** A transfer as the former flow left it in the event store: debited from the source, credited to no one. */
        private TransferSent send(String amount) {
            TransferSent sent = new TransferSent(SOURCE, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    AmountFormat.parsePositive(amount, "USD"), DESTINATION, "rent", SENT_AT, false);
            long next = axon.eventStore().readEvents(SOURCE).asStream().count();
            axon.eventStore().publish(new GenericDomainEventMessage<>("Wallet", SOURCE, next, sent));
            return sent;
        }

        private void assertWithdrawableToTheCent(String walletId, String everything, String oneCentMore) {
            assertThatThrownBy(() -> gateway.sendAndWait(new WithdrawMoneyCommand(walletId, "too-much",
                    Amount.parse(oneCentMore), null, ADMIN)))
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));
            EntryResult all = gateway.sendAndWait(new WithdrawMoneyCommand(walletId, "everything", Amount.parse(everything),
                    null, ADMIN));
            assertThat(all.type()).isEqualTo(EntryType.WITHDRAWN);
            assertThat(all.balance().isZero()).isTrue();
        }

        /** The balance as the wallet's own events add up, independent of the aggregate's bookkeeping. */
        private long balance(String walletId) {
            return axon.eventStore().readEvents(walletId).asStream().map(event -> event.getPayload())
                    .mapToLong(TransferProcessTest::effectOnBalance)
                    .sum();
        }

        private <T> List<T> events(String walletId, Class<T> type) {
            return axon.eventStore().readEvents(walletId).asStream().map(event -> event.getPayload())
                    .filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static long effectOnBalance(Object event) {
        if (event instanceof MoneyDeposited deposited) {
            return deposited.amount().minorUnits();
        } else if (event instanceof MoneyWithdrawn withdrawn) {
            return -withdrawn.amount().minorUnits();
        } else if (event instanceof TransferSent sent) {
            return -sent.amount().minorUnits();
        } else if (event instanceof TransferReceived received) {
            return received.amount().minorUnits();
        } else if (event instanceof TransferReturned returned) {
            return returned.amount().minorUnits();
        }
        return 0;
    }

    // --- the transfer and the answers ---------------------------------------------------------------------------

    private static TransferSent sent() {
        return new TransferSent(SOURCE, TRANSFER, "send-entry", usd(2500), DESTINATION, "rent", SENT_AT, false);
    }

    private static EntryResult credited() {
        return new EntryResult(TransferProcess.stepId(TRANSFER, "credit"), DESTINATION, EntryType.TRANSFER_RECEIVED,
                usd(2500), usd(2500), usd(0), usd(2500), 2, NOW);
    }

    private static EntryResult returned() {
        return new EntryResult(TransferProcess.stepId(TRANSFER, "return"), SOURCE, EntryType.TRANSFER_RECEIVED,
                usd(2500), usd(10000), usd(0), usd(10000), 4, NOW);
    }

    private static CommandOutcome refused(ErrorCode code) {
        return CommandOutcome.rejected(new LedgerException(code, "refused: " + code.code()));
    }

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    // --- test doubles -------------------------------------------------------------------------------------------

    /**
     * Records every command message the process sends and answers with the outcomes programmed for its payload
     * type, in order (a {@link RuntimeException} is thrown instead, as a failed dispatch would be).
     */
    static final class RecordingCommandGateway implements CommandGateway {

        private final List<CommandMessage<?>> sent = new ArrayList<>();
        private final Map<Class<?>, Deque<Object>> answers = new HashMap<>();

        void answer(Class<?> commandType, Object... outcomes) {
            answers.computeIfAbsent(commandType, type -> new ArrayDeque<>()).addAll(List.of(outcomes));
        }

        List<CommandMessage<?>> sent() {
            return sent;
        }

        List<Object> payloads() {
            return sent.stream().<Object>map(CommandMessage::getPayload).toList();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            assertThat(command).as("the process sends command messages with metadata")
                    .isInstanceOf(CommandMessage.class);
            CommandMessage<?> message = (CommandMessage<?>) command;
            sent.add(message);
            Deque<Object> programmed = answers.get(message.getPayloadType());
            if (programmed == null || programmed.isEmpty()) {
                throw new AssertionError("unexpected command " + message.getPayload());
            }
            Object answer = programmed.removeFirst();
            if (answer instanceof RuntimeException failure) {
                throw failure;
            }
            return (R) answer;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return sendAndWait(command);
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException("the process waits for each step");
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException("the process waits for each step");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }

    /** Runs each command through the interceptor in front of a programmed handler, as the command bus would. */
    static final class InterceptingCommandGateway implements CommandGateway {

        private final IdempotencyInterceptor interceptor;
        private final Function<CommandMessage<?>, Object> handler;

        InterceptingCommandGateway(IdempotencyInterceptor interceptor, Function<CommandMessage<?>, Object> handler) {
            this.interceptor = interceptor;
            this.handler = handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            CommandMessage<?> message = (CommandMessage<?>) command;
            try {
                return (R) interceptor.handle(new DefaultUnitOfWork<>(message), () -> handler.apply(message));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return sendAndWait(command);
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The idempotency records in a map instead of PostgreSQL: an earlier request is answered with its recorded
     * outcome; a thrown refusal records nothing.
     */
    static final class InMemoryIdempotencyStore extends IdempotencyStore {

        private final Map<String, EarlierRequest> records = new HashMap<>();
        private int lookups;

        InMemoryIdempotencyStore() {
            super(null, null);
        }

        @Override
        public Optional<EarlierRequest> find(String principal, String key) {
            lookups++;
            return Optional.ofNullable(records.get(principal + " " + key));
        }

        @Override
        public void record(String principal, String key, String requestHash, CommandOutcome outcome, Instant now) {
            records.put(principal + " " + key, new EarlierRequest(requestHash, outcome));
        }

        int lookups() {
            return lookups;
        }

        Optional<CommandOutcome> completed(String key) {
            return Optional.ofNullable(records.get("process:transfer " + key)).map(EarlierRequest::outcome);
        }
    }
}
