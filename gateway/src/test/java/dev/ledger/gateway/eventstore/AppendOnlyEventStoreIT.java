package dev.ledger.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.IntegrationTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event log in the database itself: history cannot be rewritten by whoever connects, payloads are stored
 * inline as {@code bytea} (never {@code oid} large objects), and the global index is handed out one at a time.
 */
class AppendOnlyEventStoreIT extends IntegrationTest {

    /** PostgreSQL's {@code insufficient_privilege}, which the append-only triggers raise. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private String walletId;

    @BeforeEach
    void aWalletWithHistory() {
        String client = api.clientKey(ADMIN_KEY, newUser("historian"));
        walletId = api.openWallet(client, "USD");
        api.deposit(ADMIN_KEY, walletId, "12.34");
    }

    @Test
    void anEventCannotBeUpdated() {
        List<Map<String, Object>> before = history();

        assertRefused("update domain_event_entry set payload_type = 'tampered' where aggregate_identifier = ?");

        assertThat(history()).isEqualTo(before);
    }

    @Test
    void anEventCannotBeDeleted() {
        List<Map<String, Object>> before = history();

        assertRefused("delete from domain_event_entry where aggregate_identifier = ?");

        assertThat(history()).isEqualTo(before);
    }

    @Test
    void theEventLogCannotBeTruncated() {
        List<Map<String, Object>> before = history();
        long total = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);

        assertRefused("truncate domain_event_entry");

        assertThat(history()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class))
                .isGreaterThanOrEqualTo(total);
    }

    @Test
    void payloadsMetadataAndTokensAreByteaAndNothingIsAnOid() {
        List<String> columns = jdbc.queryForList("""
                select table_name || '.' || column_name || ' ' || data_type from information_schema.columns
                where table_schema = 'public'
                  and table_name in ('domain_event_entry', 'snapshot_event_entry', 'token_entry')
                  and column_name in ('payload', 'meta_data', 'token')
                order by 1""", String.class);
        List<String> oids = jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and (data_type = 'oid' or udt_name = 'oid')""", String.class);

        assertThat(columns).containsExactly(
                "domain_event_entry.meta_data bytea",
                "domain_event_entry.payload bytea",
                "snapshot_event_entry.meta_data bytea",
                "snapshot_event_entry.payload bytea",
                "token_entry.token bytea");
        assertThat(oids).isEmpty();
    }

    @Test
    void consecutiveEventsGetConsecutiveGlobalIndexes() {
        api.deposit(ADMIN_KEY, walletId, "0.01");
        api.deposit(ADMIN_KEY, walletId, "0.02");

        List<Long> mine = jdbc.queryForList("""
                select global_index from domain_event_entry where aggregate_identifier = ?
                order by sequence_number""", Long.class, walletId);
        assertThat(mine).hasSize(4).isSorted();
        // whoever else appended in between, the positions from our first to our last event have no holes
        long first = mine.get(0);
        long last = mine.get(mine.size() - 1);
        assertThat(jdbc.queryForObject(
                "select count(*) from domain_event_entry where global_index between ? and ?", Long.class, first, last))
                .isEqualTo(last - first + 1);
        // and no node holds a block of positions in reserve: the sequence stands at the last position used
        assertThat(jdbc.queryForObject(
                "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select last_value from domain_event_entry_seq", Long.class))
                .isEqualTo(jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class)));
    }

    /** Runs the statement in a transaction that is rolled back in any case: if it is not refused, nothing is lost. */
    private void assertRefused(String sql) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            if (sql.contains("?")) {
                jdbc.update(sql, walletId);
            } else {
                jdbc.execute(sql);
            }
        }))
                .as(sql)
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.getMostSpecificCause()).isInstanceOf(SQLException.class);
                    assertThat(((SQLException) e.getMostSpecificCause()).getSQLState())
                            .isEqualTo(INSUFFICIENT_PRIVILEGE);
                    assertThat(e.getMostSpecificCause().getMessage()).contains("append-only");
                });
    }

    private List<Map<String, Object>> history() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select global_index, sequence_number, event_identifier, payload_type, payload_revision,
                       encode(payload, 'hex') as payload, encode(meta_data, 'hex') as meta_data, time_stamp
                from domain_event_entry where aggregate_identifier = ? order by sequence_number""", walletId);
        assertThat(rows).as("events of wallet %s", walletId).hasSizeGreaterThanOrEqualTo(2);
        return rows;
    }
}
