package dev.ledger.query.rebuild;

import dev.ledger.query.table.ReadModelTables;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts a rebuilt twin in the place of its live table, inside the caller's transaction, so that readers see either
 * the old read model or the new one and nothing in between.
 *
 * <p>On PostgreSQL the two tables trade names (and their indexes trade names too, so the live table keeps its
 * migration-given index names); transactional DDL makes that atomic, and the lock taken first keeps every
 * instance's projection writers out until the swap commits. On other databases (the embedded H2, one instance)
 * the rebuilt rows are copied over in one transaction.
 */
abstract class TableSwap {

    protected final JdbcTemplate jdbc;

    private TableSwap(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static TableSwap forDatabaseOf(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(product) ? new Renaming(jdbc) : new Copying(jdbc);
    }

    /** Keeps every writer and reader of {@code tables} out until the transaction ends. */
    abstract void lock(List<String> tables);

    /** Makes the twin of {@code table} the live table. */
    abstract void swap(String table);

    /** Gives the planner statistics about a freshly filled twin, before it goes live. */
    abstract void analyze(String table);

    /** Empties the twin of {@code table}. */
    void clearTwin(String table) {
        jdbc.update("delete from " + twin(table));
    }

    static String twin(String table) {
        return ReadModelTables.REBUILD.of(table);
    }

    private static final class Renaming extends TableSwap {

        Renaming(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        void lock(List<String> tables) {
            jdbc.execute("set local lock_timeout = '10s'");
            // one statement, in the order the projection's handlers touch them: no deadlock with a writer
            jdbc.execute("lock table " + String.join(", ", tables) + " in access exclusive mode");
        }

        @Override
        void swap(String table) {
            Map<String, String> liveIndexes = indexes(table);
            Map<String, String> twinIndexes = indexes(twin(table));
            String parked = "ledger_swap_" + table;
            jdbc.execute("alter table " + table + " rename to " + parked);
            jdbc.execute("alter table " + twin(table) + " rename to " + table);
            jdbc.execute("alter table " + parked + " rename to " + twin(table));
            int n = 0;
            for (Map.Entry<String, String> pair : pairs(liveIndexes, twinIndexes).entrySet()) {
                String parkedIndex = "ledger_swap_index_" + n++;
                jdbc.execute("alter index " + pair.getKey() + " rename to " + parkedIndex);
                jdbc.execute("alter index " + pair.getValue() + " rename to " + pair.getKey());
                jdbc.execute("alter index " + parkedIndex + " rename to " + pair.getValue());
            }
        }

        @Override
        void analyze(String table) {
            jdbc.execute("analyze " + twin(table));
        }

        @Override
        void clearTwin(String table) {
            jdbc.execute("truncate table " + twin(table));
        }

        /** Index name to its definition without name and table: what makes two indexes alike. */
        private Map<String, String> indexes(String table) {
            Map<String, String> indexes = new LinkedHashMap<>();
            jdbc.query("""
                    select c.relname as name, pg_get_indexdef(c.oid) as definition
                    from pg_index i join pg_class c on c.oid = i.indexrelid
                    where i.indrelid = to_regclass(?) order by c.relname""", row -> {
                String definition = row.getString("definition");
                indexes.put(row.getString("name"), (definition.startsWith("CREATE UNIQUE") ? "unique " : "")
                        + definition.substring(definition.indexOf(" USING ")));
            }, table);
            return indexes;
        }

        /** Each live index with its twin's counterpart. */
        private static Map<String, String> pairs(Map<String, String> live, Map<String, String> twin) {
            Map<String, String> pairs = new LinkedHashMap<>();
            Map<String, String> unpaired = new HashMap<>(twin);
            live.forEach((name, shape) -> unpaired.entrySet().stream()
                    .filter(candidate -> Objects.equals(candidate.getValue(), shape)).findFirst()
                    .ifPresent(match -> {
                        pairs.put(name, match.getKey());
                        unpaired.remove(match.getKey());
                    }));
            if (pairs.size() != live.size() || !unpaired.isEmpty()) {
                throw new IllegalStateException("a read model table and its twin have different indexes: "
                        + live + " / " + twin);
            }
            return pairs;
        }
    }

    private static final class Copying extends TableSwap {

        Copying(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        void lock(List<String> tables) {
            // one instance: its own processor is paused during the swap, and readers keep their snapshot
        }

        @Override
        void swap(String table) {
            String columns = String.join(", ", columns(table));
            jdbc.update("delete from " + table);
            jdbc.update("insert into " + table + " (" + columns + ") select " + columns + " from " + twin(table));
        }

        @Override
        void analyze(String table) {
            // H2 keeps its own statistics
        }

        private List<String> columns(String table) {
            return jdbc.query("select * from " + table + " where 1 = 0", rows -> {
                ResultSetMetaData metadata = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    columns.add(metadata.getColumnName(i));
                }
                return columns;
            });
        }
    }
}
