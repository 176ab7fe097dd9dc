package dev.ledger.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The replay's {@link JdbcTemplate}: consecutive updates with the same SQL reach the database as one JDBC batch, one
 * round trip instead of one per event. Order is kept (a different statement, any query and {@link #flush()} send
 * what is pending first), so the projection sees its own writes. Only for a replay, the only writer of the twin
 * tables: an update is taken to change one row, as it always does there.
 */
final class BatchingJdbcTemplate extends JdbcTemplate {

    private static final int MAX_BATCH = 1_000;

    private String pendingSql;
    private final List<Object[]> pendingArgs = new ArrayList<>();

    BatchingJdbcTemplate(JdbcTemplate jdbc) {
        super(jdbc.getDataSource());
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        if (!sql.equals(pendingSql)) {
            flush();
            pendingSql = sql;
        }
        pendingArgs.add(args);
        if (pendingArgs.size() >= MAX_BATCH) {
            flush();
        }
        return 1;
    }

    @Override
    public int update(String sql) throws DataAccessException {
        flush();
        return super.update(sql);
    }

    @Override
    public <T> T query(PreparedStatementCreator statement, PreparedStatementSetter setter,
                       ResultSetExtractor<T> extractor) throws DataAccessException {
        flush();
        return super.query(statement, setter, extractor);
    }

    /** Sends what is pending. */
    void flush() {
        if (pendingSql != null && !pendingArgs.isEmpty()) {
            String sql = pendingSql;
            List<Object[]> args = List.copyOf(pendingArgs);
            pendingSql = null;
            pendingArgs.clear();
            super.batchUpdate(sql, args);
        }
        pendingSql = null;
    }
}
