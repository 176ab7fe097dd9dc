package dev.ledger.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

class VerifiedAggregateCacheTest {

    private final Map<String, Long> storedVersions = new HashMap<>();
    private final VerifiedAggregateCache cache =
            new VerifiedAggregateCache(2, id -> Optional.ofNullable(storedVersions.get(id)));

    @Test
    void anEntryIsHandedOutWhileItIsTheStoresLatestVersion() {
        cache.put("a", entryAtVersion("a", 3));
        storedVersions.put("a", 3L);

        assertThat((Object) cache.get("a")).isNotNull();
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void anEntryAnotherInstanceOvertookIsDroppedAndReportedAsAMiss() {
        cache.put("a", entryAtVersion("a", 3));
        storedVersions.put("a", 4L);

        assertThat((Object) cache.get("a")).isNull();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.staleEntries()).isEqualTo(1);
    }

    @Test
    void anEntryAheadOfTheStoreIsDroppedToo() {
        // events applied in memory by a transaction that then did not commit
        cache.put("a", entryAtVersion("a", 5));
        storedVersions.put("a", 4L);

        assertThat((Object) cache.get("a")).isNull();
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirstWhenFull() {
        cache.put("a", "1");
        cache.put("b", "2");
        cache.get("a");
        cache.put("c", "3");

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    private static AggregateCacheEntry<Counter> entryAtVersion(String id, long version) {
        Counter counter = new Counter();
        counter.id = id;
        EventSourcedAggregate<Counter> aggregate = EventSourcedAggregate.initialize(counter,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class), SimpleEventBus.builder().build(),
                NoSnapshotTriggerDefinition.TRIGGER);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (long sequence = 0; sequence <= version; sequence++) {
            events.add(new GenericDomainEventMessage<>("Counter", id, sequence, "counted"));
        }
        aggregate.initializeState(DomainEventStream.of(events));
        assertThat(aggregate.version()).isEqualTo(version);
        return new AggregateCacheEntry<>(aggregate);
    }

    static class Counter {
        @AggregateIdentifier
        String id;
    }
}
