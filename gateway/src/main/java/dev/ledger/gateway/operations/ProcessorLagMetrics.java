package dev.ledger.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.processor.lag} (tag {@code processor}): how many positions of the event stream each processor
 * trails the head of the event store, read when the gauge is read.
 */
@Component
public class ProcessorLagMetrics implements MeterBinder {

    static final String METRIC = "ledger.processor.lag";

    private final EventProcessorStatuses processors;

    public ProcessorLagMetrics(EventProcessorStatuses processors) {
        this.processors = processors;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processors.names()) {
            Gauge.builder(METRIC, processors, p -> lag(p, name))
                    .description("Positions of the event stream the processor still has to handle (the event "
                            + "store's head minus the position of its slowest segment)")
                    .tag("processor", name)
                    .register(registry);
        }
    }

    private static double lag(EventProcessorStatuses processors, String name) {
        return processors.status(name).filter(ProcessorStatus::isStreaming)
                .map(status -> (double) status.lag()).orElse(Double.NaN);
    }
}
