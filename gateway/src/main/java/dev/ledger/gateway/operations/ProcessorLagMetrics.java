package dev.ledger.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Per event processor (tag {@code processor}): {@code ledger.processor.lag}, how many positions of the event stream
 * its slowest segment trails the head of the event store, over every segment whichever instance holds it; and
 * {@code ledger.projections.dead_letters}, the events it has parked. Read when a scrape reads the gauges, once for
 * all of them.
 */
@Component
public class ProcessorLagMetrics implements MeterBinder {

    static final String LAG = "ledger.processor.lag";
    static final String DEAD_LETTERS = "ledger.projections.dead_letters";
    /** One scrape reads every gauge within this: one look at the token store serves them all. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final EventProcessorStatuses processors;
    private final Clock clock;
    private List<ProcessorStatus> statuses = List.of();
    private Instant readAt = Instant.MIN;

    public ProcessorLagMetrics(EventProcessorStatuses processors, Clock clock) {
        this.processors = processors;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processors.names()) {
            gauge(registry, LAG, name, "Positions of the event stream the processor still has to handle (the event "
                    + "store's head minus the position of its slowest segment)",
                    status -> status.isStreaming() ? status.lag() : Double.NaN);
            gauge(registry, DEAD_LETTERS, name, "Events the projection has parked as dead letters",
                    ProcessorStatus::deadLetters);
        }
    }

    private void gauge(MeterRegistry registry, String metric, String name, String description,
                       ToDoubleFunction<ProcessorStatus> value) {
        Gauge.builder(metric, this, metrics -> metrics.current().stream().filter(s -> s.name().equals(name))
                        .findFirst().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag("processor", name)
                .register(registry);
    }

    private synchronized List<ProcessorStatus> current() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH_FOR) >= 0) {
            statuses = processors.statuses();
            readAt = now;
        }
        return statuses;
    }
}
