package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.gateway.operations.ProcessorStatus.Condition;
import dev.ledger.gateway.operations.ProcessorStatus.State;
import org.junit.jupiter.api.Test;

class ProcessorStatusTest {

    @Test
    void lagIsHowFarThePositionTrailsTheHead() {
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.RUNNING, 30, 40, false, 0, 0);

        assertThat(status.lag()).isEqualTo(10);
        assertThat(status.progress()).isEqualTo(0.75);
    }

    @Test
    void aProcessorThatHasHandledNothingHasMadeNoProgress() {
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.STOPPED, -1, 40, false, 0, 0);

        assertThat(status.lag()).isEqualTo(41);
        assertThat(status.progress()).isZero();
    }

    @Test
    void anEmptyEventStoreIsFullyHandled() {
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, -1, -1, false, 0, 0).progress()).isEqualTo(1.0);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 0, 0, false, 0, 0).progress()).isEqualTo(1.0);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, -1, -1, false, 0, 0).lag()).isZero();
    }

    @Test
    void aPositionReadAfterTheHeadNeitherLagsNorPassesCompletion() {
        // the head is read first: events appended in between can put a processor past it
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.RUNNING, 42, 40, false, 0, 0);

        assertThat(status.lag()).isZero();
        assertThat(status.progress()).isEqualTo(1.0);
    }

    @Test
    void aProcessorThatDoesNotTrackTheStreamHasNoPosition() {
        ProcessorStatus status = ProcessorStatus.subscribing("live", State.RUNNING, 0);

        assertThat(status.isStreaming()).isFalse();
        assertThat(status.progress()).isNull();
        assertThat(status.lag()).isNull();
    }

    @Test
    void aRunningProcessorWithNothingParkedAndNoStalledSegmentIsRunning() {
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 40, 40, false, 0, 0).condition())
                .isEqualTo(Condition.RUNNING);
    }

    @Test
    void parkedEventsOrAStalledSegmentDegradeARunningProcessor() {
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 40, 40, false, 1, 0).condition())
                .isEqualTo(Condition.DEGRADED);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 30, 40, false, 0, 1).condition())
                .isEqualTo(Condition.DEGRADED);
    }

    @Test
    void aStoppedProcessorIsStoppedWhateverElseHolds() {
        assertThat(ProcessorStatus.streaming("wallets", State.STOPPED, 40, 40, false, 0, 0).condition())
                .isEqualTo(Condition.STOPPED);
        assertThat(ProcessorStatus.streaming("wallets", State.STOPPED, 40, 40, false, 3, 1).condition())
                .isEqualTo(Condition.STOPPED);
        assertThat(ProcessorStatus.subscribing("live", State.STOPPED, 0).condition()).isEqualTo(Condition.STOPPED);
    }

    @Test
    void aProcessorInErrorIsStoppedEvenDuringAReplay() {
        assertThat(ProcessorStatus.streaming("wallets", State.ERROR, 40, 40, true, 0, 0).condition())
                .isEqualTo(Condition.STOPPED);
    }

    @Test
    void aReplayIsNormalOperation() {
        // the replay pauses the live processor for the moment it swaps the rebuilt read model in
        assertThat(ProcessorStatus.streaming("wallets", State.STOPPED, 40, 40, true, 0, 0).condition())
                .isEqualTo(Condition.RUNNING);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 10, 40, true, 0, 0).condition())
                .isEqualTo(Condition.RUNNING);
        assertThat(ProcessorStatus.streaming("wallets", State.STOPPED, 40, 40, true, 2, 0).condition())
                .isEqualTo(Condition.DEGRADED);
    }
}
