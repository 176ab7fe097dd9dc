package dev.ledger.gateway.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code eventProcessors} in the management port's {@code /actuator/health}: each processor, whether it runs, how far
 * it trails the head of the event store, its dead letters and stalled segments. DOWN when a processor has stopped or
 * is in error; {@link #DEGRADED} (still serving, HTTP 200) when events are parked or a segment no longer moves. A
 * replay is normal operation and changes nothing here.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    /** Serving, but a read model is incomplete; ordered between UP and DOWN (application.yml). */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final EventProcessorStatuses processors;
    private final DatabaseReachability database;

    public EventProcessorsHealthIndicator(EventProcessorStatuses processors, DatabaseReachability database) {
        this.processors = processors;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // positions are read from the database: without it, this would wait for a connection as long as the pool lets
        if (database.reachable().isEmpty()) {
            builder.down().withDetail("error", "the database does not answer: positions unknown");
            return;
        }
        ProcessorStatus.Condition worst = ProcessorStatus.Condition.RUNNING;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProcessorStatus processor : processors.statuses()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", processor.condition().name());
            detail.put("state", processor.state().name());
            if (processor.isStreaming()) {
                detail.put("position", processor.position());
                detail.put("head", processor.head());
                detail.put("lag", processor.lag());
                detail.put("replaying", processor.replaying());
                detail.put("stalledSegments", processor.stalledSegments());
            }
            detail.put("deadLetters", processor.deadLetters());
            if (processor.condition().compareTo(worst) > 0) {
                worst = processor.condition();
            }
            details.put(processor.name(), detail);
        }
        builder.status(switch (worst) {
            case RUNNING -> Status.UP;
            case DEGRADED -> DEGRADED;
            case STOPPED -> Status.DOWN;
        }).withDetails(details);
    }
}
