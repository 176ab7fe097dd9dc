package dev.ledger.query.wallet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The journal's running totals per wallet ({@code wallet_journal_head}): read and moved on every event by the live
 * projection, or kept in memory by a replay (the only writer of its twin table) and written out on {@link #flush()}.
 */
sealed interface JournalHeads {

    record Head(String currency, long lastSequence, long balance, long held) {
    }

    Optional<Head> find(String walletId);

    void open(String walletId, String currency, long sequence);

    /** Moves the head from {@code sequence - 1} to {@code sequence}. */
    void advance(String walletId, long sequence, long balance, long held);

    void flush();

    /** The live table: every read and write goes to the database at once. */
    record InTable(JdbcTemplate jdbc, String table) implements JournalHeads {

        @Override
        public Optional<Head> find(String walletId) {
            return jdbc.query("select currency, last_sequence, balance, held from " + table + " where wallet_id = ?",
                    (row, n) -> new Head(row.getString("currency"), row.getLong("last_sequence"),
                            row.getLong("balance"), row.getLong("held")), walletId).stream().findFirst();
        }

        @Override
        public void open(String walletId, String currency, long sequence) {
            jdbc.update("insert into " + table + " (wallet_id, currency, last_sequence, balance, held) "
                    + "values (?, ?, ?, 0, 0) on conflict do nothing", walletId, currency, sequence);
        }

        @Override
        public void advance(String walletId, long sequence, long balance, long held) {
            jdbc.update("update " + table + " set last_sequence = ?, balance = ?, held = ? "
                    + "where wallet_id = ? and last_sequence = ?", sequence, balance, held, walletId, sequence - 1);
        }

        @Override
        public void flush() {
            // nothing kept
        }
    }

    /** A replay's twin table, which starts empty: the heads live in memory and are written out in batches. */
    final class InMemory implements JournalHeads {

        private final JdbcTemplate jdbc;
        private final String table;
        private final Map<String, Head> heads = new HashMap<>();
        private final Set<String> opened = new LinkedHashSet<>();
        private final Set<String> moved = new LinkedHashSet<>();

        InMemory(JdbcTemplate jdbc, String table) {
            this.jdbc = jdbc;
            this.table = table;
        }

        @Override
        public Optional<Head> find(String walletId) {
            return Optional.ofNullable(heads.get(walletId));
        }

        @Override
        public void open(String walletId, String currency, long sequence) {
            if (heads.putIfAbsent(walletId, new Head(currency, sequence, 0, 0)) == null) {
                opened.add(walletId);
            }
        }

        @Override
        public void advance(String walletId, long sequence, long balance, long held) {
            heads.computeIfPresent(walletId, (id, head) -> new Head(head.currency(), sequence, balance, held));
            if (!opened.contains(walletId)) {
                moved.add(walletId);
            }
        }

        @Override
        public void flush() {
            jdbc.batchUpdate("insert into " + table + " (wallet_id, currency, last_sequence, balance, held) "
                    + "values (?, ?, ?, ?, ?)", opened.stream().map(id -> {
                        Head head = heads.get(id);
                        return new Object[] {id, head.currency(), head.lastSequence(), head.balance(), head.held()};
                    }).toList());
            jdbc.batchUpdate("update " + table + " set last_sequence = ?, balance = ?, held = ? where wallet_id = ?",
                    moved.stream().map(id -> {
                        Head head = heads.get(id);
                        return new Object[] {head.lastSequence(), head.balance(), head.held(), id};
                    }).toList());
            opened.clear();
            moved.clear();
        }
    }
}
