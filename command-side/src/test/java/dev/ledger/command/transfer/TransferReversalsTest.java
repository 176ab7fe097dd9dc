package dev.ledger.command.transfer;

import static dev.ledger.command.LedgerErrorMatchers.ledgerError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.command.SendAndWaitOnlyGateway;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transfer.ReverseTransferCommand;
import dev.ledger.events.transfer.ReversibleTransfer;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferReversalsTest {

    private static final String TRANSFER = "transfer-1";
    private static final String REVERSAL = "transfer-2";
    private static final String SOURCE = "wallet-alice";
    private static final String DESTINATION = "wallet-bob";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Actor BOB = Actor.client("bob");
    private static final ReversibleTransfer COMPLETED = new ReversibleTransfer(SOURCE, DESTINATION, usd(3_000),
            TransferStatus.COMPLETED, null);

    private FixtureConfiguration<TransferReversals> fixture;
    private Wallets wallets;

    @BeforeEach
    void setUp() {
        wallets = new Wallets();
        fixture = new AggregateTestFixture<>(TransferReversals.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new ProcessCommands(wallets));
    }

    private static Money usd(long minorUnits) {
        return Money.of(minorUnits, "USD");
    }

    private static ReverseTransferCommand reverse(String amount, ReversibleTransfer original) {
        return new ReverseTransferCommand(TRANSFER, REVERSAL, amount == null ? null : Amount.parse(amount), "damaged", original, BOB);
    }

    private static TransferReversed reversedSoFar(long total) {
        return new TransferReversed(TRANSFER, "transfer-0", SOURCE, DESTINATION, usd(3_000), usd(total), usd(total),
                null, NOW);
    }

    @Test
    void theFirstReversalSendsPartOfTheTransferBackFromItsDestination() {
        fixture.givenNoPriorActivity()
                .when(reverse("10.00", COMPLETED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferReversed(TRANSFER, REVERSAL, SOURCE, DESTINATION, usd(3_000), usd(1_000),
                        usd(1_000), "damaged", NOW));

        assertThat(wallets.sent).containsExactly(new SendTransferCommand(DESTINATION, REVERSAL,
                ProcessCommands.stepId(REVERSAL, "sent"), Amount.parse("10.00"), SOURCE, "damaged", BOB, TRANSFER, Map.of()));
    }

    @Test
    void withoutAnAmountWhatIsLeftIsSentBack() {
        fixture.given(reversedSoFar(1_000))
                .when(reverse(null, COMPLETED))
                .expectEvents(new TransferReversed(TRANSFER, REVERSAL, SOURCE, DESTINATION, usd(3_000), usd(2_000),
                        usd(3_000), "damaged", NOW));
    }

    @Test
    void reversalsNeverExceedTheTransfer() {
        fixture.given(reversedSoFar(2_500))
                .when(reverse("5.01", COMPLETED))
                .expectException(ledgerError(ErrorCode.REVERSAL_EXCEEDS_TRANSFER, Map.of("reversibleAmount", "5.00")))
                .expectNoEvents();
        fixture.given(reversedSoFar(3_000))
                .when(reverse(null, COMPLETED))
                .expectException(ledgerError(ErrorCode.REVERSAL_EXCEEDS_TRANSFER))
                .expectNoEvents();
        assertThat(wallets.sent).isEmpty();
    }

    @Test
    void onlyACompletedTransferThatIsNoReversalIsReversed() {
        fixture.givenNoPriorActivity()
                .when(reverse(null, new ReversibleTransfer(SOURCE, DESTINATION, usd(3_000), TransferStatus.FAILED,
                        null)))
                .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION, Map.of("currentState", "FAILED")));
        fixture.givenNoPriorActivity()
                .when(reverse(null, new ReversibleTransfer(SOURCE, DESTINATION, usd(3_000),
                        TransferStatus.COMPLETED, "transfer-0")))
                .expectException(ledgerError(ErrorCode.INVALID_STATE_TRANSITION));
        assertThat(wallets.sent).isEmpty();
    }

    @Test
    void aTransferBackTheDestinationRefusesIsTheAnswerAndCountsNothing() {
        wallets.refusal = ErrorCode.INSUFFICIENT_FUNDS;
        fixture.givenNoPriorActivity()
                .when(reverse("10.00", COMPLETED))
                .expectException(ledgerError(ErrorCode.INSUFFICIENT_FUNDS))
                .expectNoEvents();
    }

    /** The destination wallet, as far as a reversal talks to it: it sends the transfer back, or refuses. */
    private static final class Wallets extends SendAndWaitOnlyGateway {

        final List<Object> sent = new ArrayList<>();
        ErrorCode refusal;

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            Object payload = command instanceof CommandMessage<?> message ? message.getPayload() : command;
            sent.add(payload);
            if (refusal != null) {
                return (R) CommandOutcome.rejected(new LedgerException(refusal, "refused by the wallet"));
            }
            SendTransferCommand transfer = (SendTransferCommand) payload;
            return (R) CommandOutcome.success(new TransferView(transfer.transferId(), transfer.walletId(),
                    transfer.toWalletId(), Money.of(1_000, "USD"), TransferStatus.COMPLETED, null, NOW, NOW,
                    transfer.reference(), transfer.reversalOf(), null, Map.of()));
        }

    }
}
