package dev.ledger.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.audit.ListAggregateEventsQuery;
import dev.ledger.events.audit.ListEventFeedQuery;
import dev.ledger.events.audit.StoredEvent;
import dev.ledger.events.audit.StoredEventPage;
import dev.ledger.events.idempotency.CommandMetadata;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.problem.RequestValidation;
import dev.ledger.query.page.Keyset;
import java.util.Optional;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Event histories as the API shows them: the stored payload as JSON, and the metadata the contract names. */
@Component
public class EventHistory {

    private final QueryGateway queries;
    private final ObjectMapper json;

    public EventHistory(QueryGateway queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /**
     * Where a page of an aggregate's history starts: after {@code afterSequence}, or after the {@code cursor} of the
     * previous page (not both); -1, from the first event, with neither.
     */
    public static long afterSequence(String afterSequence, String cursor, RequestValidation validation) {
        if (afterSequence != null && cursor != null) {
            validation.reject("cursor", "give afterSequence or cursor, not both");
            return -1;
        }
        if (cursor != null) {
            return Keyset.decodeLong(cursor);
        }
        return afterSequence == null ? -1 : nonNegative(afterSequence, "afterSequence", validation);
    }

    /**
     * Where a page of the global feed starts: after {@code after}, or after the {@code cursor} of the previous page
     * (not both); 0, from the first event, with neither. The feed's cursor is the position of the page's last event,
     * so that either parameter resumes from it.
     */
    public static long afterPosition(String after, String cursor, RequestValidation validation) {
        if (after != null && cursor != null) {
            validation.reject("cursor", "give after or cursor, not both");
            return 0;
        }
        if (cursor != null) {
            try {
                if (cursor.chars().allMatch(Character::isDigit)) {
                    return Long.parseLong(cursor);
                }
            } catch (NumberFormatException notOurs) {
                // empty or out of range: not a cursor this API issued
            }
            throw Keyset.invalidCursor();
        }
        return after == null ? 0 : nonNegative(after, "after", validation);
    }

    /** A position or sequence number given in a query parameter: a non-negative integer. */
    public static long nonNegative(String value, String field, RequestValidation validation) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        validation.reject(field, "must be a non-negative integer");
        return -1;
    }

    public PageResponse<AggregateEventResponse> ofAggregate(String aggregateType, String aggregateId,
                                                            long afterSequence, int limit) {
        StoredEventPage page = queries.query(new ListAggregateEventsQuery(aggregateType, aggregateId, afterSequence,
                limit), StoredEventPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), event -> new AggregateEventResponse(event.sequence(),
                event.type(), event.revision(), payload(event), metadata(event), event.occurredAt()));
    }

    /**
     * The payload of an aggregate's first event (a wallet's {@code WalletOpened}, an escrow's {@code EscrowCreated}),
     * read from the event store itself: it exists as soon as the command that created the aggregate committed,
     * whatever the read models' lag. Empty when there is no such aggregate of that type.
     */
    public Optional<JsonNode> origin(String aggregateType, String aggregateId) {
        StoredEventPage first = queries.query(new ListAggregateEventsQuery(aggregateType, aggregateId, -1, 1),
                StoredEventPage.class).join();
        return first.items().stream().findFirst().map(this::payload);
    }

    public PageResponse<FeedEventResponse> feed(long afterPosition, int limit) {
        StoredEventPage page = queries.query(new ListEventFeedQuery(afterPosition, limit), StoredEventPage.class)
                .join();
        return PageResponse.of(page.items(), page.nextCursor(), event -> new FeedEventResponse(event.position(),
                event.aggregateType(), event.aggregateId(), event.sequence(), event.type(), event.revision(),
                payload(event), metadata(event), event.occurredAt()));
    }

    private JsonNode payload(StoredEvent event) {
        return parse(event.payload(), event);
    }

    private EventMetadataResponse metadata(StoredEvent event) {
        JsonNode stored = event.metaData() == null ? json.nullNode() : parse(event.metaData(), event);
        return new EventMetadataResponse(text(stored, CommandMetadata.PRINCIPAL),
                text(stored, CommandMetadata.IDEMPOTENCY_KEY), text(stored, CommandMetadata.CORRELATION_ID),
                text(stored, CommandMetadata.CAUSATION_ID));
    }

    private JsonNode parse(String stored, StoredEvent event) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.position() + " is not stored as JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
