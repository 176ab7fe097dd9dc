package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.command.idempotency.IdempotencyInterceptor;
import dev.ledger.command.process.ProcessCommands;
import dev.ledger.command.wallet.Wallet;
import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.OpenWalletCommand;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opposite transfers on real threads, with real wallets behind Axon's pessimistic aggregate locks: A → B locks A and
 * then B, and B → A, left alone, would lock B and then A. Without {@link TransferLockOrder} Axon detects the deadlock
 * and fails one of them; with it, every transfer goes through and not a cent is created or lost.
 */
class TransferLockOrderTest {

    private static final Actor ADMIN = Actor.admin("admin:1");
    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";
    private static final int EACH_WAY = 300;

    private Configuration axon;
    private CommandGateway gateway;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Wallet.class)
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(ProcessCommands.class, c -> new ProcessCommands(c.commandGateway()))
                .configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder().build();
                    // no keys here; it turns the destination's answer into the outcome the source expects
                    bus.registerHandlerInterceptor(new IdempotencyInterceptor(
                            new TransferProcessTest.InMemoryIdempotencyStore(), Clock.systemUTC()));
                    bus.registerHandlerInterceptor(new TransferLockOrder(() -> c.repository(Wallet.class)));
                    return bus;
                })
                .buildConfiguration();
        axon.start();
        gateway = axon.commandGateway();
        for (String wallet : List.of(A, B)) {
            gateway.sendAndWait(new OpenWalletCommand(wallet, "owner-" + wallet, "USD", null, ADMIN));
            gateway.sendAndWait(new DepositMoneyCommand(wallet, "deposit-" + wallet, Amount.parse("1000.00"), null, ADMIN));
        }
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void oppositeTransfersOnRealThreadsAllGoThroughAndKeepTheTotal() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> forth = threads.submit(transfers(A, B));
            Future<Integer> back = threads.submit(transfers(B, A));

            assertThat(forth.get()).isEqualTo(EACH_WAY);
            assertThat(back.get()).isEqualTo(EACH_WAY);
        } finally {
            threads.shutdownNow();
        }
        assertThat(balance(A)).isEqualTo(100_000);
        assertThat(balance(B)).isEqualTo(100_000);
        assertThat(balance(A) + balance(B)).as("money conserved").isEqualTo(200_000);
    }

    private Callable<Integer> transfers(String from, String to) {
        return () -> {
            List<Object> done = new ArrayList<>();
            for (int i = 0; i < EACH_WAY; i++) {
                done.add(gateway.sendAndWait(new SendTransferCommand(from, UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), Amount.parse("1.00"), to, null, ADMIN)));
            }
            return done.size();
        };
    }

    /** The balance as the wallet's own events add it up. */
    private long balance(String walletId) {
        return axon.eventStore().readEvents(walletId).asStream().map(event -> event.getPayload())
                .mapToLong(payload -> {
                    if (payload instanceof MoneyDeposited deposited) {
                        return deposited.amount().minorUnits();
                    }
                    if (payload instanceof TransferReceived received) {
                        return received.amount().minorUnits();
                    }
                    if (payload instanceof TransferSent sent) {
                        return -sent.amount().minorUnits();
                    }
                    return 0;
                })
                .sum();
    }
}
