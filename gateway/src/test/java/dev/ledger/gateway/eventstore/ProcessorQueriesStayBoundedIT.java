package dev.ledger.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.TestDatabase;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a tracking processor asks the event store stays bounded by the primary key, however long the history: the
 * next batch after a token with gaps (routine with concurrent commits, whose positions become visible out of order),
 * a poll with nothing new, and the clean-up of a token holding many gaps. Axon's JPA engine asked
 * {@code global_index > ? or global_index in (gaps) order by global_index limit ?}, and PostgreSQL's generic plan
 * for that prepared statement, which pgjdbc uses after a few executions, walks the whole index: a cost that grew
 * with every event ever stored (docs/adr/014-jdbc-storage-engine.md).
 *
 * <p>The statements are the ones the application's storage engine builds, with their parameters, planned both ways
 * (custom and generic) and run by PostgreSQL against a private copy of the event table holding {@value #HISTORY}
 * events, so the service's own history stays as it is.
 */
class ProcessorQueriesStayBoundedIT extends IntegrationTest {

    private static final int HISTORY = 20_000;
    private static final int BATCH = 100;
    private static final long TOKEN = HISTORY - 2 * BATCH;
    /** Far below the history: a query that reads more rows than this is not bounded by the token. */
    private static final long BOUND = 1_000;

    @Autowired
    private EventStorageEngine engine;
    @Autowired
    private JdbcTemplate jdbc;

    private Connection probe;

    @BeforeEach
    void aLongHistoryInAPrivateCopyOfTheEventTable() throws SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        probe = DriverManager.getConnection(db.url(), db.username(), db.password());
        try (Statement sql = probe.createStatement()) {
            sql.execute("drop schema if exists gap_probe cascade");
            sql.execute("create schema gap_probe");
            // no defaults: the copy must not take positions from the service's sequence
            sql.execute("create table gap_probe.domain_event_entry (like public.domain_event_entry including indexes)");
            sql.execute("""
                    insert into gap_probe.domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                        event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                    select i, 'wallet-' || mod(i, 100), i / 100, 'Wallet', 'event-' || i, null, convert_to('{}', 'UTF8'),
                           '1', 'dev.ledger.events.wallet.MoneyWithdrawn', '2026-01-01T00:00:00.000Z'
                    from generate_series(1, %d) as i""".formatted(HISTORY));
            sql.execute("analyze gap_probe.domain_event_entry");
            // the engine's statements name the table without a schema
            sql.execute("set search_path = gap_probe");
        }
    }

    @AfterEach
    void dropTheCopy() throws SQLException {
        try (Statement sql = probe.createStatement()) {
            sql.execute("drop schema gap_probe cascade");
        } finally {
            probe.close();
        }
    }

    @Test
    void theServiceUsesTheJdbcEngineAndTheDatabaseNumbersTheEvents() {
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(jdbc.queryForObject("""
                select column_default from information_schema.columns
                where table_schema = 'public' and table_name = 'domain_event_entry' and column_name = 'global_index'""",
                String.class)).isEqualTo("nextval('domain_event_entry_seq'::regclass)");
    }

    @Test
    void theNextBatchAfterATokenWithGapsReadsOnlyTheBatchAndTheGaps() throws Exception {
        TrackingToken token = GapAwareTrackingToken.newInstance(TOKEN, new TreeSet<>(List.of(TOKEN - 150, TOKEN - 3)));

        Captured next = capture("readEventData", new Class<?>[] {Connection.class, TrackingToken.class, int.class},
                token, BATCH);

        assertBounded(next, BATCH + 2);
    }

    @Test
    void theNextBatchAfterATokenWithoutGapsReadsOnlyTheBatch() throws Exception {
        TrackingToken token = GapAwareTrackingToken.newInstance(TOKEN, new TreeSet<>());

        Captured next = capture("readEventData", new Class<?>[] {Connection.class, TrackingToken.class, int.class},
                token, BATCH);

        assertBounded(next, BATCH);
    }

    @Test
    void aPollAtTheHeadReadsOnlyTheGaps() throws Exception {
        TrackingToken head = GapAwareTrackingToken.newInstance(HISTORY, new TreeSet<>(List.of(TOKEN, TOKEN + 1)));

        Captured next = capture("readEventData", new Class<?>[] {Connection.class, TrackingToken.class, int.class},
                head, BATCH);

        assertBounded(next, 2);
    }

    @Test
    void cleaningATokenWithManyGapsReadsOnlyTheirRange() throws Exception {
        SortedSet<Long> gaps = LongStream.rangeClosed(0, 250).map(i -> TOKEN - 600 + 2 * i).boxed()
                .collect(Collectors.toCollection(TreeSet::new));

        Captured cleaning = capture("cleanGaps", new Class<?>[] {Connection.class, SortedSet.class}, gaps);

        assertBounded(cleaning, gaps.last() - gaps.first() + 2);
    }

    /** The check itself can fail: the JPA engine's shape of the same question reads the whole history. */
    @Test
    void aQueryThatWalksTheHistoryIsCaught() throws Exception {
        Captured jpaShape = new Captured("""
                select global_index, payload from domain_event_entry where global_index > ? or global_index in (?, ?)
                order by global_index fetch first ? rows only""",
                new TreeMap<>(Map.of(1, TOKEN, 2, TOKEN - 150, 3, TOKEN - 3, 4, (long) BATCH)));

        assertThat(rowsRead(jpaShape, "force_generic_plan")).isGreaterThan(HISTORY - TOKEN + BOUND);
    }

    private void assertBounded(Captured query, long expectedRows) throws Exception {
        for (String planning : List.of("force_custom_plan", "force_generic_plan")) {
            assertThat(rowsRead(query, planning))
                    .as("rows the busiest plan node reads with %s for%n%s", planning, query.sql())
                    .isGreaterThanOrEqualTo(expectedRows)
                    .isLessThanOrEqualTo(BOUND);
        }
    }

    /**
     * Runs the statement as a prepared statement planned the given way and answers how many rows its busiest plan
     * node read: the rows it returned plus those it read and filtered out.
     */
    private long rowsRead(Captured query, String planning) throws Exception {
        String name = "probe_" + Math.abs(query.sql().hashCode());
        String sql = query.sql();
        for (int i = 1; sql.contains("?"); i++) {
            sql = sql.replaceFirst("\\?", "\\$" + i);
        }
        String types = query.parameters().values().stream().map(p -> "bigint").collect(Collectors.joining(","));
        String values = query.parameters().values().stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Statement statement = probe.createStatement()) {
            statement.execute("set plan_cache_mode = " + planning);
            statement.execute("prepare " + name + "(" + types + ") as " + sql);
            try (ResultSet plan = statement.executeQuery(
                    "explain (analyze, format json) execute " + name + "(" + values + ")")) {
                plan.next();
                return busiestNode(new ObjectMapper().readTree(plan.getString(1)).get(0).get("Plan"));
            } finally {
                statement.execute("deallocate " + name);
            }
        }
    }

    private static long busiestNode(JsonNode node) {
        long here = node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                + node.path("Rows Removed by Index Recheck").asLong();
        for (JsonNode child : node.path("Plans")) {
            here = Math.max(here, busiestNode(child));
        }
        return here;
    }

    /** One of the engine's statement builders, called on the application's engine, with what it would send. */
    private Captured capture(String builder, Class<?>[] signature, Object... arguments) throws Exception {
        Method method = JdbcEventStorageEngine.class.getDeclaredMethod(builder, signature);
        method.setAccessible(true);
        Recorder recorder = new Recorder();
        Object[] withConnection = new Object[arguments.length + 1];
        withConnection[0] = recorder.connection();
        System.arraycopy(arguments, 0, withConnection, 1, arguments.length);
        method.invoke(engine, withConnection);
        return new Captured(recorder.sql, recorder.parameters);
    }

    private record Captured(String sql, TreeMap<Integer, Long> parameters) {
    }

    /** A connection that only remembers the statement prepared on it and the numbers bound to it. */
    private static final class Recorder {

        private String sql;
        private final TreeMap<Integer, Long> parameters = new TreeMap<>();

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            sql = (String) args[0];
                            return statement();
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private PreparedStatement statement() {
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("setLong")) {
                            parameters.put((Integer) args[0], (Long) args[1]);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
