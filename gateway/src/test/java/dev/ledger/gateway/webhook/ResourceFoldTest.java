package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.gateway.escrow.EscrowResponse;
import dev.ledger.gateway.transfer.TransferResponse;
import dev.ledger.gateway.wallet.HoldResponse;
import dev.ledger.gateway.wallet.WalletResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The views a delivery carries, folded from events alone, as the read models would show them. */
class ResourceFoldTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<String, Object> stored = new HashMap<>();
    private final ResourceFold fold = new ResourceFold(new ResourceFold.States() {
        @Override
        public <T> Optional<T> get(String resourceType, String id, Class<T> type) {
            return Optional.ofNullable(type.cast(stored.get(resourceType + "/" + id)));
        }

        @Override
        public void put(String resourceType, String id, Object state) {
            stored.put(resourceType + "/" + id, state);
        }
    });

    @Test
    void aWalletsBalanceHeldAndVersionFollowItsEvents() {
        fold.apply(new WalletOpened("w1", "alice", "USD", "main", T0), 0);
        fold.apply(new MoneyDeposited("w1", "e1", usd(10_000), null, T0.plusSeconds(1)), 1);
        ResourceChange placed = fold.apply(new HoldPlaced("w1", "h1", "e2", usd(3_000), "order-7",
                T0.plusSeconds(900), T0.plusSeconds(2)), 2).orElseThrow();
        ResourceChange captured = fold.apply(new HoldCaptured("w1", "h1", "e3", usd(2_000), usd(1_000),
                T0.plusSeconds(3)), 3).orElseThrow();
        ResourceChange frozen = fold.apply(new WalletFrozen("w1", "e4", T0.plusSeconds(4)), 4).orElseThrow();

        assertThat(placed.type()).isEqualTo("hold.placed");
        assertThat(placed.aggregateType()).isEqualTo("hold");
        assertThat(placed.aggregateId()).isEqualTo("h1");
        assertThat(captured.type()).isEqualTo("hold.captured");
        assertThat(captured.data()).isEqualTo(new HoldResponse("h1", "w1", "30.00", "20.00", "CAPTURED", "order-7",
                T0.plusSeconds(900), T0.plusSeconds(2), 4, Map.of()));
        assertThat(frozen.type()).isEqualTo("wallet.frozen");
        assertThat(frozen.data()).isEqualTo(new WalletResponse("w1", "alice", "USD", "main", "FROZEN", "80.00",
                "0.00", "80.00", 5, T0, T0.plusSeconds(4), Map.of()));
    }

    @Test
    void aTransferIsAnnouncedWhenItCompletesOrFails() {
        fold.apply(new WalletOpened("a", "alice", "USD", null, T0), 0);
        fold.apply(new MoneyDeposited("a", "e1", usd(5_000), null, T0), 1);
        fold.apply(new WalletOpened("b", "bob", "USD", null, T0), 0);

        assertThat(fold.apply(new TransferSent("a", "t1", "e2", usd(1_500), "b", null, T0.plusSeconds(1), true), 2))
                .isEmpty();
        ResourceChange completed = fold.apply(new TransferReceived("b", "t1", "e3", usd(1_500), "a", null,
                T0.plusSeconds(2)), 1).orElseThrow();
        fold.apply(new TransferSent("a", "t2", "e4", usd(500), "b", null, T0.plusSeconds(3), false), 3);
        ResourceChange failed = fold.apply(new TransferReturned("a", "t2", "e5", usd(500), "b", "wallet-not-active",
                T0.plusSeconds(4)), 4).orElseThrow();

        assertThat(completed.type()).isEqualTo("transfer.completed");
        assertThat(completed.data()).isEqualTo(new TransferResponse("t1", "a", "b", "15.00", "USD", "COMPLETED", null,
                null, Map.of(), null, "0.00", T0.plusSeconds(1), T0.plusSeconds(2)));
        assertThat(failed.type()).isEqualTo("transfer.failed");
        assertThat(failed.data()).isEqualTo(new TransferResponse("t2", "a", "b", "5.00", "USD", "FAILED",
                "wallet-not-active", null, Map.of(), null, "0.00", T0.plusSeconds(3), T0.plusSeconds(4)));
        assertThat(((WalletResponse) fold.apply(new WalletFrozen("a", "e6", T0.plusSeconds(5)), 5).orElseThrow()
                .data()).balance()).isEqualTo("35.00");
    }

    @Test
    void anEscrowCarriesItsWholeViewAtEachStep() {
        fold.apply(new EscrowCreated("x1", "alice", "bob", "a", "b", usd(2_500), 600, "bike", T0), 0);
        fold.apply(new EscrowFunded("x1", "h9", T0.plusSeconds(610), T0.plusSeconds(10)), 1);
        ResourceChange released = fold.apply(new EscrowReleased("x1", T0.plusSeconds(20)), 2).orElseThrow();

        assertThat(released.type()).isEqualTo("escrow.released");
        assertThat(released.data()).isEqualTo(new EscrowResponse("x1", "alice", "bob", "a", "b", "25.00", "USD",
                "bike", "RELEASED", 600, T0, T0.plusSeconds(10), T0.plusSeconds(610), T0.plusSeconds(20), null, null,
                3, Map.of()));
    }

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }
}
