package dev.ledger.gateway.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The queue as the dashboard and the alert see it: {@code ledger.webhook.queue.depth} (PENDING deliveries) and
 * {@code ledger.webhook.queue.oldest.age} (seconds since the oldest of them was queued; 0 when none), refreshed
 * every {@code ledger.metrics.read-model-interval} rather than on every scrape. Both count every instance's
 * deliveries: the queue is shared.
 */
class WebhookQueueGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(WebhookQueueGauges.class);

    private final WebhookDeliveries deliveries;
    private final Clock clock;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    WebhookQueueGauges(WebhookDeliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.webhook.queue.depth", depth, AtomicLong::get)
                .description("Webhook deliveries PENDING (not yet delivered, retries included)").register(registry);
        Gauge.builder("ledger.webhook.queue.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest PENDING webhook delivery").register(registry);
        refresh();
    }

    @Scheduled(initialDelayString = "${ledger.metrics.read-model-interval:PT10S}",
            fixedDelayString = "${ledger.metrics.read-model-interval:PT10S}")
    void refresh() {
        try {
            depth.set(deliveries.pending());
            oldestAgeSeconds.set(deliveries.oldestPending()
                    .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toSeconds())).orElse(0L));
        } catch (RuntimeException e) {
            // a gauge must never take anything down; it shows its last value until the next refresh
            log.warn("Could not refresh the webhook queue gauges: {}", e.getMessage());
        }
    }
}
