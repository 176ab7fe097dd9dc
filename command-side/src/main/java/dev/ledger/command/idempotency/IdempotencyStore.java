package dev.ledger.command.idempotency;

import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.idempotency.EarlierUse;
import dev.ledger.events.problem.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every idempotency key, written in the transaction of the command it guards.
 * Outcomes are stored through Axon's serializer, so a replay answers with the very object the first
 * execution answered.
 *
 * <p>A command's record is written when its unit of work commits, with the outcome: the records of every command a
 * group commit runs together go in as one multi-row insert. A key that another transaction recorded meanwhile (the
 * same request sent to two instances at once) makes that insert find a conflict — it waits on the primary key until
 * the other transaction ends — and the whole unit of work fails with a {@link ConcurrencyException}: nothing it did
 * is kept, and the command dispatcher runs the command again, which then finds the earlier record and answers with
 * it. A retry that joins the very batch of its first attempt finds that attempt's record in the batch.
 */
@Component
public class IdempotencyStore {

    private static final String COLUMNS = """
            insert into command_idempotency (principal, idempotency_key, request_hash, created_at, completed_at,
                   result_type, result, rejection_code, rejection_detail, rejection_extensions)
            values """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP,
            Types.TIMESTAMP, Types.VARCHAR, Types.BINARY, Types.VARCHAR, Types.VARCHAR, Types.BINARY};
    private static final String BATCH_RESOURCE = IdempotencyStore.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public IdempotencyStore(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * The earlier request under this key, if any: one recorded in this unit of work (not yet committed) or one
     * committed before.
     */
    public Optional<EarlierRequest> find(String principal, String key) {
        // the batch's insert is set up before the command runs, so that it comes before the insert of the events the
        // command appends: a key recorded meanwhile fails the unit of work before its events take their positions in
        // the global index (a rolled-back position is a gap the hash chain and the audit feed wait on)
        Map<String, Row> batch = CurrentUnitOfWork.isStarted() ? batchOf(CurrentUnitOfWork.get().root()) : Map.of();
        Row staged = batch.get(principal + " " + key);
        if (staged != null) {
            return Optional.of(new EarlierRequest(staged.requestHash(), staged.outcome()));
        }
        return jdbc.query("""
                select request_hash, completed_at, result_type, result, rejection_code, rejection_detail,
                       rejection_extensions
                from command_idempotency where principal = ? and idempotency_key = ?""",
                this::earlierRequest, principal, key).stream().findFirst();
    }

    /**
     * Records the outcome under the key: when the unit of work commits, together with the records of the other
     * commands it ran (at once when there is no unit of work).
     */
    public void record(String principal, String key, String requestHash, CommandOutcome outcome, Instant now) {
        Row row = new Row(principal, key, requestHash, outcome, Timestamp.from(now));
        if (!CurrentUnitOfWork.isStarted()) {
            insert(List.of(row));
            return;
        }
        batchOf(CurrentUnitOfWork.get().root()).put(principal + " " + key, row);
    }

    /** The records of a unit of work, inserted together just before it commits. */
    private Map<String, Row> batchOf(UnitOfWork<?> root) {
        return root.getOrComputeResource(BATCH_RESOURCE, name -> {
            Map<String, Row> rows = new LinkedHashMap<>();
            root.onPrepareCommit(u -> insert(rows.values()));
            return rows;
        });
    }

    private void insert(Collection<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(COLUMNS);
        List<Object> args = new ArrayList<>(rows.size() * TYPES.length);
        int[] types = new int[rows.size() * TYPES.length];
        for (Row row : rows) {
            System.arraycopy(TYPES, 0, types, args.size(), TYPES.length);
            sql.append(args.isEmpty() ? "" : ", ").append(ROW);
            row.addTo(args, serializer);
        }
        sql.append(" on conflict do nothing");
        int inserted;
        try {
            // typed, so that a null needs no round trip to ask the driver what it stands for
            inserted = jdbc.update(sql.toString(), args.toArray(), types);
        } catch (CannotAcquireLockException stillRunning) {
            // a database that gives up waiting for the other transaction holding the key (H2's lock timeout)
            throw EarlierUse.inFlight();
        }
        if (inserted < rows.size()) {
            throw new ConcurrencyException(
                    "an idempotency key of this unit of work was recorded by another request meanwhile");
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

    /** One record waiting for its unit of work to commit. */
    private record Row(String principal, String key, String requestHash, CommandOutcome outcome, Timestamp at) {

        void addTo(List<Object> args, Serializer serializer) {
            args.addAll(Arrays.asList(principal, key, requestHash, at, at));
            if (outcome.isRejected()) {
                SerializedObject<byte[]> extensions = serializer.serialize(outcome.extensions(), byte[].class);
                args.addAll(Arrays.asList(null, null, outcome.rejection().code(), outcome.detail(),
                        extensions.getData()));
            } else {
                SerializedObject<byte[]> result = serializer.serialize(outcome.result(), byte[].class);
                args.addAll(Arrays.asList(result.getType().getName(), result.getData(), null, null, null));
            }
        }
    }

    /** A request seen before under the same key; {@code outcome} is null while it is still being processed. */
    public record EarlierRequest(String requestHash, CommandOutcome outcome) {

        public EarlierUse use() {
            return new EarlierUse(requestHash, outcome != null);
        }
    }
}
