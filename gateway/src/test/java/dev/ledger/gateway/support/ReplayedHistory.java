package dev.ledger.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Waits until a processor whose tokens were reset has handled the whole history again. Axon keeps calling a segment
 * "replaying" until it handles an event newer than the one it stood at when it was reset, which in a quiet database
 * may never come; what the tests need is every segment caught up at the history's last event.
 */
public final class ReplayedHistory {

    private ReplayedHistory() {
    }

    /** The position of the history's last event, to be read before the reset. */
    public static long head(EventStore events) {
        return events.createHeadToken().position().orElse(-1);
    }

    /** Every one of its {@code segments} claimed here, caught up and at {@code head} or beyond. */
    public static void awaitHandled(StreamingEventProcessor processor, int segments, long head, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(processor.processingStatus())
                        .as("segments of %s", processor.getName())
                        .hasSize(segments)
                        .allSatisfy((segment, status) -> {
                            assertThat(status.isCaughtUp()).as(status.toString()).isTrue();
                            assertThat(status.getCurrentPosition().orElse(-1)).as(status.toString())
                                    .isGreaterThanOrEqualTo(head);
                        }));
    }
}
