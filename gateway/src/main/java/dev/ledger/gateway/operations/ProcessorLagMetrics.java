package dev.ledger.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Per event processor (tag {@code processor}): {@code ledger.processor.lag}, how many positions of the event stream
 * its slowest segment trails the head of the event store, over every segment whichever instance holds it; and
 * {@code ledger.projections.dead_letters}, the events it has parked. Read when the gauges are read, all from one
 * snapshot of the token store (at most 20 ms old: one scrape).
 */
@Component
public class ProcessorLagMetrics implements MeterBinder {

    static final String LAG = "ledger.processor.lag";
    static final String DEAD_LETTERS = "ledger.projections.dead_letters";

    private final EventProcessorStatuses processors;

    public ProcessorLagMetrics(EventProcessorStatuses processors) {
        this.processors = processors;
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
        Gauge.builder(metric, processors, p -> p.recentStatus(name).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag("processor", name)
                .register(registry);
    }
}
