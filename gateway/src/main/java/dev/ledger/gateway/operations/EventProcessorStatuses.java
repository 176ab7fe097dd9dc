package dev.ledger.gateway.operations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The event processors of this instance (one per projection, and the transfer process) and how far each trails the
 * head of the event store. What health, metrics and {@code GET /api/admin/projections} report.
 */
@Component
public class EventProcessorStatuses {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventProcessorStatuses(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** Every processor, by name. */
    public List<ProcessorStatus> statuses() {
        long head = head();
        return processing.eventProcessors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> status(entry.getKey(), entry.getValue(), head))
                .toList();
    }

    public Optional<ProcessorStatus> status(String name) {
        return processing.eventProcessor(name).map(processor -> status(name, processor, head()));
    }

    private long head() {
        return position(eventStore.createHeadToken());
    }

    private static ProcessorStatus status(String name, EventProcessor processor, long head) {
        ProcessorStatus.State state = processor.isError() ? ProcessorStatus.State.ERROR
                : processor.isRunning() ? ProcessorStatus.State.RUNNING : ProcessorStatus.State.STOPPED;
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return ProcessorStatus.subscribing(name, state);
        }
        Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
        // a processor is as far as its slowest segment: every event before that one has been handled
        long position = segments.values().stream().map(EventTrackerStatus::getTrackingToken)
                .mapToLong(EventProcessorStatuses::position).min().orElse(-1);
        boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        return ProcessorStatus.streaming(name, state, position, head, replaying);
    }

    static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        return token.position().orElse(-1);
    }
}
