package dev.ledger.command.idempotency;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets idempotency keys once their retention (default 24 h) has passed. Safe to run on every node. */
@Component
public class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyPurge(IdempotencyStore store, Clock clock,
                            @Value("${ledger.idempotency.retention:PT24H}") Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.purge-interval:PT10M}",
            initialDelayString = "${ledger.idempotency.purge-interval:PT10M}")
    public void purge() {
        int purged = store.purgeCreatedBefore(clock.instant().minus(retention));
        if (purged > 0) {
            log.info("purged {} idempotency keys older than {}", purged, retention);
        }
    }
}
