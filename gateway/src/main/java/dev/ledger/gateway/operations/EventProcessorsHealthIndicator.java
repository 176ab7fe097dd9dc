package dev.ledger.gateway.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code eventProcessors} in {@code /actuator/health}: each projection's processor, whether it runs, and how
 * far it trails the head of the event store. DOWN when a processor has stopped or is in error.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessorStatuses processors;

    public EventProcessorsHealthIndicator(EventProcessorStatuses processors) {
        this.processors = processors;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProcessorStatus processor : processors.statuses()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", processor.state().name());
            if (processor.isStreaming()) {
                detail.put("position", processor.position());
                detail.put("head", processor.head());
                detail.put("lag", processor.lag());
                detail.put("replaying", processor.replaying());
            }
            healthy &= processor.state() == ProcessorStatus.State.RUNNING;
            details.put(processor.name(), detail);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
