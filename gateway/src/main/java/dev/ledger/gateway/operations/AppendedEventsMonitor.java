package dev.ledger.gateway.operations;

import dev.ledger.events.wallet.HoldExpired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Watches the event store: {@code ledger.events.appended} (tag {@code type}, the event's class, e.g.
 * {@code MoneyDeposited}) counts the events it stored, and {@code ledger.holds.expired} the holds that expired.
 *
 * <p>The event store reports an event's success once the transaction that appended it has committed, so a command
 * that was rolled back counts nothing. Projections replaying history read events, they do not append them, so
 * a replay counts nothing either; the same holds for {@code HoldExpired}, which only the expiry deadline appends.
 */
public class AppendedEventsMonitor implements MessageMonitor<Message<?>> {

    static final String APPENDED = "ledger.events.appended";
    static final String HOLDS_EXPIRED = "ledger.holds.expired";

    private final MeterRegistry meters;
    private final Counter holdsExpired;

    public AppendedEventsMonitor(MeterRegistry meters) {
        this.meters = meters;
        this.holdsExpired = Counter.builder(HOLDS_EXPIRED)
                .description("Holds that reached their expiresAt and released their money")
                .register(meters);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Class<?> type = message.getPayloadType();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                appended(type).increment();
                if (type == HoldExpired.class) {
                    holdsExpired.increment();
                }
            }

            @Override
            public void reportFailure(Throwable cause) {
                // rolled back: nothing was appended
            }

            @Override
            public void reportIgnored() {
                // the event store does not ignore events
            }
        };
    }

    private Counter appended(Class<?> type) {
        return Counter.builder(APPENDED)
                .description("Events appended to the event store, by type")
                .tag("type", type.getSimpleName())
                .register(meters);
    }
}
