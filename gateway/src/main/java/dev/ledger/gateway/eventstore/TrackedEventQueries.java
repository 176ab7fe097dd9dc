package dev.ledger.gateway.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The queries a tracking processor reads its next batch with: the first {@code batchSize} events after its token,
 * by the primary key, plus the events that have since filled the token's gaps, looked up one by one.
 *
 * <p>Axon's own JDBC queries ask for a range of positions ({@code global_index > ? and global_index <= ? + batch}):
 * an empty answer then does not tell whether the store holds nothing newer or only a run of positions that
 * rolled-back transactions left unused, so after every empty poll the engine asks again with
 * {@code select min(global_index) ... where global_index > ?}: one to two statements per withdrawal. With a
 * {@code limit} instead of a range, an empty answer means there is nothing to read. Both halves stay bounded by the
 * index whatever plan PostgreSQL picks: never {@code global_index > ? or global_index in (...)} under one
 * {@code limit}, which the JPA engine sent and whose generic plan walks the whole index.
 */
final class TrackedEventQueries {

    private TrackedEventQueries() {
    }

    static PreparedStatement afterToken(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                "select " + schema.trackedEventFields() + " from " + schema.domainEventTable()
                        + " where " + schema.globalIndexColumn() + " > ?"
                        + " order by " + schema.globalIndexColumn() + " asc limit ?");
        statement.setLong(1, globalIndex);
        statement.setLong(2, batchSize);
        return statement;
    }

    static PreparedStatement afterTokenAndGaps(Connection connection, EventSchema schema, long globalIndex,
                                               int batchSize, List<Long> gaps) throws SQLException {
        // every gap lies behind the token, so the two halves never return the same event
        PreparedStatement statement = connection.prepareStatement(
                "(select " + schema.trackedEventFields() + " from " + schema.domainEventTable()
                        + " where " + schema.globalIndexColumn() + " > ?"
                        + " order by " + schema.globalIndexColumn() + " asc limit ?)"
                        + " union all (select " + schema.trackedEventFields() + " from " + schema.domainEventTable()
                        + " where " + schema.globalIndexColumn() + " in ("
                        + String.join(",", Collections.nCopies(gaps.size(), "?")) + "))"
                        + " order by " + schema.globalIndexColumn() + " asc");
        statement.setLong(1, globalIndex);
        statement.setLong(2, batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
