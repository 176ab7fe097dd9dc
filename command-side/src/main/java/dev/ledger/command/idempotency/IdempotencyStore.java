package dev.ledger.command.idempotency;

import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.idempotency.EarlierUse;
import dev.ledger.events.problem.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every idempotency key, written in the transaction of the command it guards.
 * Outcomes are stored through Axon's serializer, so a replay answers with the very object the first
 * execution answered.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public IdempotencyStore(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Claims the key for this request. Empty when the key is new and now ours until the transaction ends;
     * otherwise the earlier request. A concurrent claim of the same key waits on the primary key until the
     * first transaction ends, so it sees either nothing (the first one rolled back) or the finished record.
     */
    public Optional<EarlierRequest> claim(String principal, String key, String requestHash, Instant now) {
        try {
            int inserted = jdbc.update("""
                    insert into command_idempotency (principal, idempotency_key, request_hash, created_at)
                    values (?, ?, ?, ?) on conflict do nothing""", principal, key, requestHash, Timestamp.from(now));
            if (inserted == 1) {
                return Optional.empty();
            }
            return Optional.of(jdbc.queryForObject("""
                    select request_hash, completed_at, result_type, result, rejection_code, rejection_detail,
                           rejection_extensions
                    from command_idempotency where principal = ? and idempotency_key = ?""",
                    this::earlierRequest, principal, key));
        } catch (PessimisticLockingFailureException | EmptyResultDataAccessException stillRunning) {
            // Databases that give up waiting for the first transaction (H2's lock timeout) end up here.
            throw EarlierUse.inFlight();
        }
    }

    public void complete(String principal, String key, CommandOutcome outcome, Instant now) {
        if (outcome.isRejected()) {
            SerializedObject<byte[]> extensions = serializer.serialize(outcome.extensions(), byte[].class);
            jdbc.update("""
                    update command_idempotency set completed_at = ?, rejection_code = ?, rejection_detail = ?,
                           rejection_extensions = ?
                    where principal = ? and idempotency_key = ?""",
                    Timestamp.from(now), outcome.rejection().code(), outcome.detail(), extensions.getData(),
                    principal, key);
        } else {
            SerializedObject<byte[]> result = serializer.serialize(outcome.result(), byte[].class);
            jdbc.update("""
                    update command_idempotency set completed_at = ?, result_type = ?, result = ?
                    where principal = ? and idempotency_key = ?""",
                    Timestamp.from(now), result.getType().getName(), result.getData(), principal, key);
        }
    }

    /** Forgets keys older than the cutoff; afterwards they may be used again. */
    public int purgeCreatedBefore(Instant cutoff) {
        return jdbc.update("delete from command_idempotency where created_at < ?", Timestamp.from(cutoff));
    }

    @SuppressWarnings("unchecked")
    private EarlierRequest earlierRequest(ResultSet row, int rowNumber) throws SQLException {
        String requestHash = row.getString("request_hash");
        if (row.getTimestamp("completed_at") == null) {
            return new EarlierRequest(requestHash, null);
        }
        String rejection = row.getString("rejection_code");
        if (rejection != null) {
            Map<String, Object> extensions = serializer.deserialize(
                    new SimpleSerializedObject<>(row.getBytes("rejection_extensions"), byte[].class,
                            Map.class.getName(), null));
            return new EarlierRequest(requestHash, new CommandOutcome(false, null, ErrorCode.fromCode(rejection),
                    row.getString("rejection_detail"), extensions));
        }
        Object result = serializer.deserialize(new SimpleSerializedObject<>(row.getBytes("result"), byte[].class,
                row.getString("result_type"), null));
        return new EarlierRequest(requestHash, CommandOutcome.success(result));
    }

    /** A request seen before under the same key; {@code outcome} is null while it is still being processed. */
    public record EarlierRequest(String requestHash, CommandOutcome outcome) {

        public EarlierUse use() {
            return new EarlierUse(requestHash, outcome != null);
        }
    }
}
