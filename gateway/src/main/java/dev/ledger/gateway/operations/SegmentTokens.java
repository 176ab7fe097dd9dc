package dev.ledger.gateway.operations;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where every segment of every streaming processor stands, as stored in {@code token_entry}: also the segments that
 * another instance holds, and those no instance is processing (released after a failure, or held by an instance
 * that stopped working), which this instance's own processors know nothing about.
 */
@Repository
public class SegmentTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /** {@code serializer}: the one Axon's token store writes tokens with. */
    public SegmentTokens(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Per processor, each segment's position in the global event stream; {@code -1} before its first event. */
    public Map<String, Map<Integer, Long>> positions() {
        Map<String, Map<Integer, Long>> positions = new HashMap<>();
        jdbc.query("select processor_name, segment, token_type, token from token_entry", row -> {
            positions.computeIfAbsent(row.getString("processor_name"), name -> new TreeMap<>())
                    .put(row.getInt("segment"), position(row.getString("token_type"), row.getBytes("token")));
        });
        return positions;
    }

    private long position(String type, byte[] token) {
        if (type == null || token == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }
}
