package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ledger.gateway.operations.ProcessorStatus.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventProcessorStatusesTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final Map<String, EventProcessor> processors = new LinkedHashMap<>();
    private final EventProcessorStatuses eventProcessors = new EventProcessorStatuses(processing, eventStore);

    @BeforeEach
    void headAt100() {
        when(eventStore.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(100));
        when(processing.eventProcessors()).thenReturn(processors);
    }

    @Test
    void aProcessorIsAsFarAsItsSlowestSegment() {
        processors.put("wallets", streaming(true, false, segment(100, false), segment(70, false), segment(90, true)));

        ProcessorStatus wallets = eventProcessors.statuses().get(0);

        assertThat(wallets).isEqualTo(new ProcessorStatus("wallets", State.RUNNING, 70L, 100L, 30L, true));
    }

    @Test
    void aSegmentWithoutATokenHasHandledNothing() {
        processors.put("wallets", streaming(true, false, segment(100, false), segment(null)));

        assertThat(eventProcessors.statuses().get(0).position()).isEqualTo(-1);
        assertThat(eventProcessors.statuses().get(0).lag()).isEqualTo(101);
    }

    @Test
    void statusIsErrorBeforeRunningOrStopped() {
        processors.put("wallets", streaming(true, false));
        processors.put("holds", streaming(false, false));
        processors.put("escrows", streaming(true, true));

        assertThat(eventProcessors.statuses()).extracting(ProcessorStatus::name, ProcessorStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("escrows", State.ERROR),
                        org.assertj.core.groups.Tuple.tuple("holds", State.STOPPED),
                        org.assertj.core.groups.Tuple.tuple("wallets", State.RUNNING));
    }

    @Test
    void oneProcessorIsFoundByName() {
        StreamingEventProcessor wallets = streaming(true, false, segment(99, false));
        when(processing.eventProcessor("wallets")).thenReturn(Optional.of(wallets));
        when(processing.eventProcessor("nothing")).thenReturn(Optional.empty());

        assertThat(eventProcessors.status("wallets")).get().extracting(ProcessorStatus::lag).isEqualTo(1L);
        assertThat(eventProcessors.status("nothing")).isEmpty();
    }

    @Test
    void aProcessorThatDoesNotTrackTheStreamHasOnlyAStatus() {
        EventProcessor subscribing = mock(EventProcessor.class);
        when(subscribing.isRunning()).thenReturn(true);
        processors.put("live", subscribing);

        assertThat(eventProcessors.statuses()).containsExactly(ProcessorStatus.subscribing("live", State.RUNNING));
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

    private static EventTrackerStatus segment(long position, boolean replaying) {
        EventTrackerStatus status = segment(new GlobalSequenceTrackingToken(position));
        when(status.isReplaying()).thenReturn(replaying);
        return status;
    }

    private static EventTrackerStatus segment(TrackingToken token) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getTrackingToken()).thenReturn(token);
        return status;
    }
}
