package dev.ledger.gateway.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.idempotency.replays}: requests answered with an earlier request's response because they repeated
 * its {@code Idempotency-Key} ({@code Idempotent-Replayed: true}), commands and metered calls alike.
 */
@Component
public class IdempotentReplays {

    static final String METRIC = "ledger.idempotency.replays";

    private final Counter replays;

    public IdempotentReplays(MeterRegistry meters) {
        this.replays = Counter.builder(METRIC)
                .description("Requests answered again with the response of an earlier request with the same "
                        + "Idempotency-Key")
                .register(meters);
    }

    public void record() {
        replays.increment();
    }
}
