package dev.ledger.gateway.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code eventProcessors} in {@code /actuator/health}: each projection's processor, whether it runs, and how
 * far it trails the head of the event store. DOWN when a processor has stopped or is in error.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = position(eventStore.createHeadToken());
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            boolean running = processor.isRunning();
            boolean error = processor.isError();
            detail.put("status", error ? "ERROR" : running ? "RUNNING" : "STOPPED");
            if (processor instanceof StreamingEventProcessor streaming) {
                long position = streaming.processingStatus().values().stream()
                        .map(EventTrackerStatus::getTrackingToken).mapToLong(EventProcessorsHealthIndicator::position)
                        .min().orElse(-1);
                detail.put("position", position);
                detail.put("head", head);
                detail.put("lag", Math.max(0, head - position));
                detail.put("replaying", streaming.processingStatus().values().stream()
                        .anyMatch(EventTrackerStatus::isReplaying));
            }
            healthy &= running && !error;
            details.put(entry.getKey(), detail);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }

    static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        return token.position().orElse(-1);
    }
}
