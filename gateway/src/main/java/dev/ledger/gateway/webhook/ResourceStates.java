package dev.ledger.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.gateway.eventstore.EventStoreConfiguration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fold's resources in {@code webhook_resource_state}, as JSON written the way events are. Written only by the
 * webhooks processor, in the transaction of the events that changed them, so they are always exactly as far as its
 * token.
 */
final class ResourceStates implements ResourceFold.States {

    private static final ObjectMapper JSON = EventStoreConfiguration.axonObjectMapper();

    private final JdbcTemplate jdbc;

    ResourceStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public <T> Optional<T> get(String resourceType, String id, Class<T> type) {
        return jdbc.query("select state from webhook_resource_state where resource_type = ? and resource_id = ?",
                (row, n) -> read(row.getString(1), type), resourceType, id).stream().findFirst();
    }

    @Override
    public void put(String resourceType, String id, Object state) {
        String json = write(state);
        // one writer (the processor's single segment): update-then-insert needs no upsert syntax of either database
        if (jdbc.update("update webhook_resource_state set state = ? where resource_type = ? and resource_id = ?",
                json, resourceType, id) == 0) {
            jdbc.update("insert into webhook_resource_state (resource_type, resource_id, state) values (?, ?, ?)",
                    resourceType, id, json);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable webhook resource state", e);
        }
    }

    private static String write(Object state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view always serializes", e);
        }
    }
}
