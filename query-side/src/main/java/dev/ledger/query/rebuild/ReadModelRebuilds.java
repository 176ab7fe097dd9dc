package dev.ledger.query.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The replays of every read model ({@code read_model_rebuild}), in the database so that all instances agree on which
 * one runs where: a replay is claimed with a conditional update, and only one instance can win it.
 */
@Repository
public class ReadModelRebuilds {

    private final JdbcTemplate jdbc;

    public ReadModelRebuilds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the replay of {@code name} for {@code node}: false when another one is running. */
    boolean claim(String name, String node, Instant now, long head) {
        jdbc.update("""
                insert into read_model_rebuild (name, state, position, head, events)
                values (?, 'IDLE', -1, -1, 0) on conflict do nothing""", name);
        int claimed = jdbc.update("""
                update read_model_rebuild
                set state = 'RUNNING', node = ?, started_at = ?, heartbeat_at = ?, finished_at = null, position = -1,
                    head = ?, events = 0, failure = null
                where name = ? and (state <> 'RUNNING' or heartbeat_at < ?)""",
                node, at(now), at(now), head, name, at(now.minus(RebuildStatus.HEARTBEAT_TIMEOUT)));
        return claimed == 1;
    }

    void progress(String name, String node, Instant now, long position, long head, long events) {
        jdbc.update("""
                update read_model_rebuild set heartbeat_at = ?, position = ?, head = ?, events = ?
                where name = ? and node = ? and state = 'RUNNING'""", at(now), position, head, events, name, node);
    }

    void done(String name, String node, Instant now, long position, long events) {
        jdbc.update("""
                update read_model_rebuild
                set state = 'DONE', heartbeat_at = ?, finished_at = ?, position = ?, head = ?, events = ?
                where name = ? and node = ?""", at(now), at(now), position, position, events, name, node);
    }

    void failed(String name, String node, Instant now, String failure) {
        jdbc.update("""
                update read_model_rebuild set state = 'FAILED', heartbeat_at = ?, finished_at = ?, failure = ?
                where name = ? and node = ?""", at(now), at(now), failure, name, node);
    }

    public Optional<RebuildStatus> status(String name) {
        return jdbc.query("select * from read_model_rebuild where name = ?", ReadModelRebuilds::status, name)
                .stream().findFirst();
    }

    /** Every read model that was ever replayed, by name. */
    public Map<String, RebuildStatus> statuses() {
        Map<String, RebuildStatus> statuses = new TreeMap<>();
        jdbc.query("select * from read_model_rebuild", ReadModelRebuilds::status)
                .forEach(status -> statuses.put(status.name(), status));
        return statuses;
    }

    private static RebuildStatus status(ResultSet row, int n) throws SQLException {
        return new RebuildStatus(row.getString("name"), RebuildStatus.State.valueOf(row.getString("state")),
                row.getString("node"), instant(row, "started_at"), instant(row, "heartbeat_at"),
                instant(row, "finished_at"), row.getLong("position"), row.getLong("head"), row.getLong("events"),
                row.getString("failure"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
