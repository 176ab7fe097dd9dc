package dev.ledger.query.transfer;

import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.FindTransferQuery;
import dev.ledger.events.transfer.TransferRecord;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import java.sql.Timestamp;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers transfer queries from {@code transfer_view}, with the owners of both wallets for access checks. */
@Component
public class TransferQueries {

    private final JdbcTemplate jdbc;

    public TransferQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<TransferRecord> find(FindTransferQuery query) {
        return jdbc.query("""
                select t.transfer_id, t.from_wallet_id, t.to_wallet_id, t.currency, t.amount, t.status,
                       t.failure_code, t.created_at, t.completed_at, f.owner_id as from_owner, d.owner_id as to_owner
                from transfer_view t
                left join wallet_view f on f.wallet_id = t.from_wallet_id
                left join wallet_view d on d.wallet_id = t.to_wallet_id
                where t.transfer_id = ?""", (row, n) -> {
            Timestamp completedAt = row.getTimestamp("completed_at");
            TransferView view = new TransferView(row.getString("transfer_id"), row.getString("from_wallet_id"),
                    row.getString("to_wallet_id"), Money.of(row.getLong("amount"), row.getString("currency")),
                    TransferStatus.valueOf(row.getString("status")), row.getString("failure_code"),
                    row.getTimestamp("created_at").toInstant(), completedAt == null ? null : completedAt.toInstant());
            return new TransferRecord(view, row.getString("from_owner"), row.getString("to_owner"));
        }, query.transferId()).stream().findFirst();
    }
}
