package dev.ledger.gateway.operations;

import dev.ledger.gateway.deadletter.DeadLetters;
import dev.ledger.query.rebuild.ReadModelRebuilder;
import dev.ledger.query.rebuild.ReadModelRebuilds;
import dev.ledger.query.rebuild.RebuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The event processors (one per projection, and the transfer process), how far each trails the head of the event
 * store over all its segments, what it has parked as dead letters, and whether a segment has stalled. What health,
 * metrics and {@code GET /api/admin/projections} report.
 */
@Component
public class EventProcessorStatuses {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final SegmentTokens tokens;
    private final DeadLetters deadLetters;
    private final ReadModelRebuilds rebuilds;
    private final ReadModelRebuilder rebuilder;
    private final Clock clock;
    private final Duration stalledAfter;
    static final Duration SHARED_SNAPSHOT_AGE = Duration.ofMillis(20);

    private volatile Snapshot shared;
    /** Per segment behind the head: the position it was first seen at, and when. Kept by this instance. */
    private final Map<String, Progress> behind = new ConcurrentHashMap<>();

    public EventProcessorStatuses(EventProcessingConfiguration processing, EventStore eventStore,
                                  SegmentTokens tokens, DeadLetters deadLetters, ReadModelRebuilds rebuilds,
                                  ReadModelRebuilder rebuilder, Clock clock,
                                  @Value("${ledger.projections.stalled-after:PT30S}") Duration stalledAfter) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.deadLetters = deadLetters;
        this.rebuilds = rebuilds;
        this.rebuilder = rebuilder;
        this.clock = clock;
        this.stalledAfter = stalledAfter;
    }

    public List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** Every processor, by name. */
    public List<ProcessorStatus> statuses() {
        Snapshot snapshot = snapshot();
        return processing.eventProcessors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> status(entry.getKey(), entry.getValue(), snapshot))
                .toList();
    }

    public Optional<ProcessorStatus> status(String name) {
        return processing.eventProcessor(name).map(processor -> status(name, processor, snapshot()));
    }

    /**
     * The same, from a snapshot at most {@link #SHARED_SNAPSHOT_AGE} old: what the metrics read, so that one scrape
     * of a gauge per processor and figure queries the database once instead of once per gauge.
     */
    public Optional<ProcessorStatus> recentStatus(String name) {
        Snapshot snapshot = shared;
        if (snapshot == null || Duration.between(snapshot.now(), clock.instant()).compareTo(SHARED_SNAPSHOT_AGE) > 0) {
            snapshot = snapshot();
            shared = snapshot;
        }
        Snapshot taken = snapshot;
        return processing.eventProcessor(name).map(processor -> status(name, processor, taken));
    }

    /** What every processor's status is read from, read once for all of them. */
    private record Snapshot(long head, Map<String, Map<Integer, Long>> positions, Map<String, Long> deadLetters,
                            Map<String, RebuildStatus> rebuilds, Instant now) {
    }

    private record Progress(long position, Instant since) {
    }

    private Snapshot snapshot() {
        return new Snapshot(position(eventStore.createHeadToken()), tokens.positions(), deadLetters.counts(),
                rebuilds.statuses(), clock.instant());
    }

    private ProcessorStatus status(String name, EventProcessor processor, Snapshot snapshot) {
        ProcessorStatus.State state = processor.isError() ? ProcessorStatus.State.ERROR
                : processor.isRunning() ? ProcessorStatus.State.RUNNING : ProcessorStatus.State.STOPPED;
        long parked = snapshot.deadLetters().getOrDefault(name, 0L);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return ProcessorStatus.subscribing(name, state, parked);
        }
        Map<Integer, Long> segments = snapshot.positions().getOrDefault(name, Map.of());
        // a processor is as far as its slowest segment: every event before that one has been handled
        long position = segments.values().stream().mapToLong(Long::longValue).min().orElse(-1);
        RebuildStatus rebuild = snapshot.rebuilds().get(name);
        // the replay's own status says DONE in the transaction that swaps, a moment before this processor restarts
        boolean replaying = (rebuild != null && rebuild.isRunning(snapshot.now())) || rebuilder.isPausedForSwap(name)
                || streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        return ProcessorStatus.streaming(name, state, position, snapshot.head(), replaying, parked,
                stalledSegments(name, segments, snapshot.head(), snapshot.now()));
    }

    /** Segments behind the head that have not moved for {@code stalledAfter}, as far as this instance has seen. */
    private int stalledSegments(String name, Map<Integer, Long> segments, long head, Instant now) {
        int stalled = 0;
        for (Map.Entry<Integer, Long> segment : segments.entrySet()) {
            String key = name + "/" + segment.getKey();
            long position = segment.getValue();
            if (position >= head) {
                behind.remove(key);
                continue;
            }
            Progress progress = behind.merge(key, new Progress(position, now),
                    (seen, fresh) -> seen.position() == position ? seen : fresh);
            if (!progress.since().plus(stalledAfter).isAfter(now)) {
                stalled++;
            }
        }
        return stalled;
    }

    static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        return token.position().orElse(-1);
    }
}
