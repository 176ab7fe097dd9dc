package dev.ledger.query.verification;

import dev.ledger.query.verification.LedgerModel.Entry;
import dev.ledger.query.verification.LedgerModel.Wallet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every read model, row by row, against the replayed model: rows it lacks ({@code missing-row}), rows it should not
 * have ({@code extra-row}), and each column that differs ({@code field}).
 */
final class ReadModelComparison {

    private final JdbcTemplate jdbc;
    private final Mismatches mismatches;

    ReadModelComparison(JdbcTemplate jdbc, Mismatches mismatches) {
        this.jdbc = jdbc;
        this.mismatches = mismatches;
    }

    void compare(LedgerModel model) {
        compareWallets(model.wallets);
        compareJournal(model.wallets);
        compareHolds(model);
        compareEscrows(model);
        compareTransfers(model);
        compareTransactions(model);
    }

    private void compareWallets(Map<String, Wallet> wallets) {
        compareRows("wallet_view", "select wallet_id, owner_id, currency, status, balance, held, version from wallet_view",
                "wallet_id", wallets, (id, w, row) -> {
                    mismatches.field("wallet_view", id, "owner_id", w.owner, row.getString("owner_id"));
                    mismatches.field("wallet_view", id, "currency", w.currency, row.getString("currency"));
                    mismatches.field("wallet_view", id, "status", w.status, row.getString("status"));
                    mismatches.field("wallet_view", id, "balance", w.balance, row.getLong("balance"));
                    mismatches.field("wallet_view", id, "held", w.held, row.getLong("held"));
                    mismatches.field("wallet_view", id, "version", w.version, row.getLong("version"));
                });
        compareRows("wallet_journal_head",
                "select wallet_id, currency, last_sequence, balance, held from wallet_journal_head",
                "wallet_id", wallets, (id, w, row) -> {
                    mismatches.field("wallet_journal_head", id, "currency", w.currency, row.getString("currency"));
                    mismatches.field("wallet_journal_head", id, "last_sequence", w.version - 1,
                            row.getLong("last_sequence"));
                    mismatches.field("wallet_journal_head", id, "balance", w.balance, row.getLong("balance"));
                    mismatches.field("wallet_journal_head", id, "held", w.held, row.getLong("held"));
                });
    }

    private void compareJournal(Map<String, Wallet> wallets) {
        // what each wallet's journal should still show; rows found are taken out, what remains is missing
        Map<String, Map<Long, Entry>> expected = new HashMap<>();
        wallets.forEach((walletId, w) -> expected.put(walletId, new HashMap<>(w.entries)));
        jdbc.query("""
                select wallet_id, sequence, entry_id, type, currency, amount, balance_after, held_after
                from wallet_entry order by wallet_id, sequence""", row -> {
            String walletId = row.getString("wallet_id");
            long sequence = row.getLong("sequence");
            String id = walletId + "#" + sequence;
            Map<Long, Entry> entries = expected.get(walletId);
            Entry entry = entries == null ? null : entries.remove(sequence);
            if (entry == null) {
                mismatches.add("extra-row", id, "wallet_entry", "no row", "a row", null);
                return;
            }
            long amount = row.getLong("amount");
            Long found = row.wasNull() ? null : amount;
            mismatches.field("wallet_entry", id, "entry_id", entry.entryId(), row.getString("entry_id"));
            mismatches.field("wallet_entry", id, "type", entry.type(), row.getString("type"));
            mismatches.field("wallet_entry", id, "currency", wallets.get(walletId).currency,
                    row.getString("currency"));
            mismatches.field("wallet_entry", id, "amount", entry.amount(), found);
            mismatches.field("wallet_entry", id, "balance_after", entry.balanceAfter(), row.getLong("balance_after"));
            mismatches.field("wallet_entry", id, "held_after", entry.heldAfter(), row.getLong("held_after"));
        });
        wallets.keySet().forEach(walletId -> expected.get(walletId).keySet().forEach(sequence ->
                mismatches.add("missing-row", walletId + "#" + sequence, "wallet_entry", "a row", "no row", null)));
    }

    private void compareHolds(LedgerModel model) {
        compareRows("wallet_hold",
                "select hold_id, wallet_id, currency, amount, captured_amount, status, version from wallet_hold",
                "hold_id", model.holds, (id, h, row) -> {
                    mismatches.field("wallet_hold", id, "wallet_id", h.walletId, row.getString("wallet_id"));
                    mismatches.field("wallet_hold", id, "currency", h.currency, row.getString("currency"));
                    mismatches.field("wallet_hold", id, "amount", h.amount, row.getLong("amount"));
                    mismatches.field("wallet_hold", id, "captured_amount", h.captured,
                            row.getLong("captured_amount"));
                    mismatches.field("wallet_hold", id, "status", h.status, row.getString("status"));
                    mismatches.field("wallet_hold", id, "version", h.version, row.getLong("version"));
                });
    }

    private void compareEscrows(LedgerModel model) {
        compareRows("escrow_view", """
                select escrow_id, buyer_wallet_id, seller_wallet_id, currency, amount, state, version
                from escrow_view""", "escrow_id", model.escrows, (id, x, row) -> {
            mismatches.field("escrow_view", id, "buyer_wallet_id", x.buyerWalletId, row.getString("buyer_wallet_id"));
            mismatches.field("escrow_view", id, "seller_wallet_id", x.sellerWalletId,
                    row.getString("seller_wallet_id"));
            mismatches.field("escrow_view", id, "currency", x.currency, row.getString("currency"));
            mismatches.field("escrow_view", id, "amount", x.amount, row.getLong("amount"));
            mismatches.field("escrow_view", id, "state", x.state, row.getString("state"));
            mismatches.field("escrow_view", id, "version", x.version, row.getLong("version"));
        });
    }

    private void compareTransfers(LedgerModel model) {
        compareRows("transfer_view", """
                select transfer_id, from_wallet_id, to_wallet_id, currency, amount, status, failure_code
                from transfer_view""", "transfer_id", model.transfers, (id, t, row) -> {
            mismatches.field("transfer_view", id, "from_wallet_id", t.from, row.getString("from_wallet_id"));
            mismatches.field("transfer_view", id, "to_wallet_id", t.to, row.getString("to_wallet_id"));
            mismatches.field("transfer_view", id, "currency", t.currency, row.getString("currency"));
            mismatches.field("transfer_view", id, "amount", t.amount, row.getLong("amount"));
            mismatches.field("transfer_view", id, "status", t.status, row.getString("status"));
            mismatches.field("transfer_view", id, "failure_code", t.failureCode, row.getString("failure_code"));
        });
    }

    /** Every row of a read model against the model: rows it lacks, rows it should not have, fields. */
    private void compareTransactions(LedgerModel model) {
        compareRows("transaction_view", "select transaction_id, currency, status, reversal_of, version"
                + " from transaction_view", "transaction_id", model.transactions, (id, t, row) -> {
            mismatches.field("transaction_view", id, "currency", t.currency, row.getString("currency"));
            mismatches.field("transaction_view", id, "status", t.reversed ? "REVERSED" : "POSTED",
                    row.getString("status"));
            mismatches.field("transaction_view", id, "reversal_of", t.reversalOf, row.getString("reversal_of"));
            mismatches.field("transaction_view", id, "version", t.reversed ? 2L : 1L, row.getLong("version"));
        });
    }

    private <M> void compareRows(String table, String sql, String idColumn, Map<String, M> models,
                                 RowCheck<M> check) {
        Set<String> seen = new HashSet<>();
        jdbc.query(sql, (ResultSet row) -> {
            String id = row.getString(idColumn);
            seen.add(id);
            M model = models.get(id);
            if (model == null) {
                mismatches.add("extra-row", id, table, "no row", "a row", null);
                return;
            }
            check.compare(id, model, row);
        });
        models.keySet().stream().filter(id -> !seen.contains(id)).forEach(id ->
                mismatches.add("missing-row", id, table, "a row", "no row", null));
    }

    @FunctionalInterface
    private interface RowCheck<M> {
        void compare(String id, M model, ResultSet row) throws SQLException;
    }
}
