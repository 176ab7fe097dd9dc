package dev.ledger.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignallingEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final SignallingEventSource source = new SignallingEventSource(store);

    @AfterEach
    void stop() {
        source.stop();
        store.shutDown();
    }

    @Test
    void aStreamThatAsksIsToldWhenEventsCanBeReadAndStopsBeingToldOnceClosed() throws Exception {
        source.start();
        AtomicInteger told = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        assertThat(stream.setOnAvailableCallback(told::incrementAndGet)).as("the callback is supported").isTrue();
        // the watcher is following the head before the first event
        await().atMost(Duration.ofSeconds(2)).until(source::isWatching);

        store.publish(GenericEventMessage.asEventMessage("first"));

        await().atMost(Duration.ofSeconds(2)).until(() -> told.get() > 0);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");

        stream.close();
        assertThat(source.listeners()).isZero();
        int before = told.get();
        store.publish(GenericEventMessage.asEventMessage("second"));
        await("a closed stream is not called back").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> told.get() == before);
    }

    @Test
    void theTokensAreTheStoresOwn() {
        store.publish(GenericEventMessage.asEventMessage("one"));
        assertThat(source.createHeadToken()).isEqualTo(store.createHeadToken());
        assertThat(source.createTailToken()).isEqualTo(store.createTailToken());
    }
}
