package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.gateway.operations.ProcessorStatus.State;
import org.junit.jupiter.api.Test;

class ProcessorStatusTest {

    @Test
    void lagIsHowFarThePositionTrailsTheHead() {
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.RUNNING, 30, 40, false);

        assertThat(status.lag()).isEqualTo(10);
        assertThat(status.progress()).isEqualTo(0.75);
    }

    @Test
    void aProcessorThatHasHandledNothingHasMadeNoProgress() {
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.STOPPED, -1, 40, false);

        assertThat(status.lag()).isEqualTo(41);
        assertThat(status.progress()).isZero();
    }

    @Test
    void anEmptyEventStoreIsFullyHandled() {
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, -1, -1, false).progress()).isEqualTo(1.0);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, 0, 0, false).progress()).isEqualTo(1.0);
        assertThat(ProcessorStatus.streaming("wallets", State.RUNNING, -1, -1, false).lag()).isZero();
    }

    @Test
    void aPositionReadAfterTheHeadNeitherLagsNorPassesCompletion() {
        // the head is read first: events appended in between can put a processor past it
        ProcessorStatus status = ProcessorStatus.streaming("wallets", State.RUNNING, 42, 40, false);

        assertThat(status.lag()).isZero();
        assertThat(status.progress()).isEqualTo(1.0);
    }

    @Test
    void aProcessorThatDoesNotTrackTheStreamHasNoPosition() {
        ProcessorStatus status = ProcessorStatus.subscribing("live", State.RUNNING);

        assertThat(status.isStreaming()).isFalse();
        assertThat(status.progress()).isNull();
        assertThat(status.lag()).isNull();
    }
}
