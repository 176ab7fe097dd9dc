package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.HoldExpired;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.junit.jupiter.api.Test;

class AppendedEventsMonitorTest {

    record SomethingHappened(String id) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AppendedEventsMonitor monitor = new AppendedEventsMonitor(meters);

    @Test
    void anEventCountsOnceItsTransactionCommitted() {
        MonitorCallback first = monitor.onMessageIngested(GenericEventMessage.asEventMessage(new SomethingHappened("1")));
        MonitorCallback second = monitor.onMessageIngested(GenericEventMessage.asEventMessage(new SomethingHappened("2")));
        assertThat(meters.find(AppendedEventsMonitor.APPENDED).counter()).as("nothing counted before the commit")
                .isNull();

        first.reportSuccess();
        second.reportSuccess();

        assertThat(appended("SomethingHappened")).isEqualTo(2);
        assertThat(meters.get(AppendedEventsMonitor.HOLDS_EXPIRED).counter().count()).isZero();
    }

    @Test
    void anEventRolledBackCountsNothing() {
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(new SomethingHappened("1")))
                .reportFailure(new IllegalStateException("rolled back"));

        assertThat(meters.find(AppendedEventsMonitor.APPENDED).counter()).isNull();
    }

    @Test
    void anExpiredHoldCountsAsAnAppendedEventAndAsAnExpiry() {
        HoldExpired expired = new HoldExpired("w-1", "h-1", "e-1", Money.of(700, "USD"), Instant.EPOCH);

        monitor.onMessageIngested(GenericEventMessage.asEventMessage(expired)).reportSuccess();

        assertThat(appended("HoldExpired")).isEqualTo(1);
        assertThat(meters.get(AppendedEventsMonitor.HOLDS_EXPIRED).counter().count()).isEqualTo(1);
    }

    private double appended(String type) {
        return meters.get(AppendedEventsMonitor.APPENDED).tag("type", type).counter().count();
    }
}
