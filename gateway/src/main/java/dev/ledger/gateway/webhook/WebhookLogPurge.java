package dev.ledger.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the delivery log to {@code ledger.webhooks.retention} (30 days): every change times every endpoint would
 * otherwise grow it without end. PENDING deliveries are never purged. Every instance may run it; deleting twice
 * deletes nothing more.
 */
class WebhookLogPurge {

    private static final Logger log = LoggerFactory.getLogger(WebhookLogPurge.class);

    private final WebhookDeliveries deliveries;
    private final Duration retention;
    private final Clock clock;

    WebhookLogPurge(WebhookDeliveries deliveries, Duration retention, Clock clock) {
        this.deliveries = deliveries;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${ledger.webhooks.purge-interval:PT1H}")
    void purge() {
        try {
            int purged = deliveries.purgeFinishedBefore(clock.instant().minus(retention));
            if (purged > 0) {
                log.info("Purged {} webhook deliveries older than {}", purged, retention);
            }
        } catch (RuntimeException e) {
            // the next run catches up; the log only grows a little meanwhile
            log.warn("Could not purge the webhook delivery log: {}", e.getMessage());
        }
    }
}
