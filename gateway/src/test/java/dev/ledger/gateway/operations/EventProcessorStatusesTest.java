package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ledger.gateway.deadletter.DeadLetters;
import dev.ledger.gateway.operations.ProcessorStatus.Condition;
import dev.ledger.gateway.operations.ProcessorStatus.State;
import dev.ledger.query.rebuild.ReadModelRebuilder;
import dev.ledger.query.rebuild.ReadModelRebuilds;
import dev.ledger.query.rebuild.RebuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventProcessorStatusesTest {

    private static final Duration STALLED_AFTER = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final SegmentTokens tokens = mock(SegmentTokens.class);
    private final DeadLetters deadLetters = mock(DeadLetters.class);
    private final ReadModelRebuilds rebuilds = mock(ReadModelRebuilds.class);
    private final ReadModelRebuilder rebuilder = mock(ReadModelRebuilder.class);
    private final Clock clock = mock(Clock.class);
    private final Map<String, EventProcessor> processors = new LinkedHashMap<>();
    private final Map<String, Map<Integer, Long>> positions = new HashMap<>();
    private final Map<String, Long> parked = new HashMap<>();
    private final Map<String, RebuildStatus> replays = new HashMap<>();
    private Instant now = Instant.parse("2026-12-05T12:00:00Z");
    private final EventProcessorStatuses eventProcessors = new EventProcessorStatuses(processing, eventStore, tokens,
            deadLetters, rebuilds, rebuilder, clock, STALLED_AFTER);

    @BeforeEach
    void headAt100() {
        when(eventStore.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(100));
        when(processing.eventProcessors()).thenReturn(processors);
        when(tokens.positions()).thenReturn(positions);
        when(deadLetters.counts()).thenReturn(parked);
        when(rebuilds.statuses()).thenReturn(replays);
        when(clock.instant()).thenAnswer(invocation -> now);
    }

    @Test
    void aProcessorIsAsFarAsItsSlowestSegmentWhicheverInstanceHoldsIt() {
        // this instance works on segment 0 only; segment 1 is another instance's, or no one's
        processors.put("wallets", streaming(true, false, segment(false)));
        segments("wallets", 100, 70, 90);

        ProcessorStatus wallets = eventProcessors.statuses().get(0);

        assertThat(wallets).isEqualTo(new ProcessorStatus("wallets", State.RUNNING, 70L, 100L, 30L, false, 0, 0));
    }

    @Test
    void aSegmentWithoutATokenHasHandledNothing() {
        processors.put("wallets", streaming(true, false));
        segments("wallets", 100, -1);

        assertThat(eventProcessors.statuses().get(0).position()).isEqualTo(-1);
        assertThat(eventProcessors.statuses().get(0).lag()).isEqualTo(101);
    }

    @Test
    void statusIsErrorBeforeRunningOrStopped() {
        processors.put("wallets", streaming(true, false));
        processors.put("holds", streaming(false, false));
        processors.put("escrows", streaming(true, true));

        assertThat(eventProcessors.statuses()).extracting(ProcessorStatus::name, ProcessorStatus::state)
                .containsExactly(tuple("escrows", State.ERROR), tuple("holds", State.STOPPED),
                        tuple("wallets", State.RUNNING));
    }

    @Test
    void parkedEventsAreCountedPerProcessor() {
        processors.put("wallet-entries", streaming(true, false));
        processors.put("wallets", streaming(true, false));
        segments("wallet-entries", 100);
        segments("wallets", 100);
        parked.put("wallet-entries", 2L);

        assertThat(eventProcessors.statuses()).extracting(ProcessorStatus::name, ProcessorStatus::deadLetters,
                        ProcessorStatus::condition)
                .containsExactly(tuple("wallet-entries", 2L, Condition.DEGRADED), tuple("wallets", 0L,
                        Condition.RUNNING));
    }

    @Test
    void aSegmentBehindTheHeadThatDoesNotMoveStallsAfterAWhile() {
        processors.put("wallets", streaming(true, false));
        segments("wallets", 100, 60);
        assertThat(eventProcessors.statuses().get(0).stalledSegments()).isZero();

        now = now.plus(STALLED_AFTER.minusSeconds(1));
        assertThat(eventProcessors.statuses().get(0).stalledSegments()).isZero();

        now = now.plusSeconds(1);
        ProcessorStatus stalled = eventProcessors.statuses().get(0);
        assertThat(stalled.stalledSegments()).isEqualTo(1);
        assertThat(stalled.condition()).isEqualTo(Condition.DEGRADED);
        assertThat(stalled.lag()).isEqualTo(40);
    }

    @Test
    void aSegmentThatMovesOrCaughtUpIsNotStalled() {
        processors.put("wallets", streaming(true, false));
        segments("wallets", 50, 60);
        eventProcessors.statuses();

        now = now.plus(STALLED_AFTER);
        segments("wallets", 100, 61);

        assertThat(eventProcessors.statuses().get(0).stalledSegments()).isZero();
    }

    @Test
    void aProcessorPausedWhileAReplaySwapsItsReadModelInIsStillRunning() {
        processors.put("wallets", streaming(false, false));
        segments("wallets", 100);
        replays.put("wallets", new RebuildStatus("wallets", RebuildStatus.State.RUNNING, "node", now.minusSeconds(5),
                now, null, 90, 100, 90, null));

        ProcessorStatus wallets = eventProcessors.statuses().get(0);

        assertThat(wallets.replaying()).isTrue();
        assertThat(wallets.condition()).isEqualTo(Condition.RUNNING);
    }

    @Test
    void aProcessorThisInstancePausedToSwapARebuiltReadModelInIsStillRunning() {
        // the replay is already DONE: it commits with the swap, a moment before the processor starts again
        processors.put("wallets", streaming(false, false));
        segments("wallets", 100);
        when(rebuilder.isPausedForSwap("wallets")).thenReturn(true);

        assertThat(eventProcessors.statuses().get(0).condition()).isEqualTo(Condition.RUNNING);
    }

    @Test
    void oneProcessorIsFoundByName() {
        StreamingEventProcessor wallets = streaming(true, false, segment(false));
        when(processing.eventProcessor("wallets")).thenReturn(Optional.of(wallets));
        when(processing.eventProcessor("nothing")).thenReturn(Optional.empty());
        segments("wallets", 99);

        assertThat(eventProcessors.status("wallets")).get().extracting(ProcessorStatus::lag).isEqualTo(1L);
        assertThat(eventProcessors.status("nothing")).isEmpty();
    }

    @Test
    void theMetricsReadOneSnapshotForEveryGaugeOfAScrapeAndANewOneAfterAMoment() {
        StreamingEventProcessor wallets = streaming(true, false, segment(false));
        when(processing.eventProcessor("wallets")).thenReturn(Optional.of(wallets));
        segments("wallets", 99);

        for (int gauge = 0; gauge < 16; gauge++) {
            assertThat(eventProcessors.recentStatus("wallets")).get().extracting(ProcessorStatus::lag).isEqualTo(1L);
        }
        verify(tokens, times(1)).positions();

        segments("wallets", 100);
        now = now.plus(EventProcessorStatuses.SHARED_SNAPSHOT_AGE).plusMillis(1);
        assertThat(eventProcessors.recentStatus("wallets")).get().extracting(ProcessorStatus::lag).isEqualTo(0L);
        verify(tokens, times(2)).positions();
    }

    @Test
    void aProcessorThatDoesNotTrackTheStreamHasOnlyAStatus() {
        EventProcessor subscribing = mock(EventProcessor.class);
        when(subscribing.isRunning()).thenReturn(true);
        processors.put("live", subscribing);

        assertThat(eventProcessors.statuses()).containsExactly(ProcessorStatus.subscribing("live", State.RUNNING, 0));
    }

    private void segments(String processor, long... segmentPositions) {
        Map<Integer, Long> segments = new TreeMap<>();
        for (int i = 0; i < segmentPositions.length; i++) {
            segments.put(i, segmentPositions[i]);
        }
        positions.put(processor, segments);
    }

    private static StreamingEventProcessor streaming(boolean running, boolean error, EventTrackerStatus... segments) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(running);
        when(processor.isError()).thenReturn(error);
        Map<Integer, EventTrackerStatus> status = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            status.put(i, segments[i]);
        }
        when(processor.processingStatus()).thenReturn(status);
        return processor;
    }

    private static EventTrackerStatus segment(boolean replaying) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isReplaying()).thenReturn(replaying);
        return status;
    }
}
