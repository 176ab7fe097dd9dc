package dev.ledger.classic;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A withdrawal in one transaction: claim the {@code Idempotency-Key}, lock the wallet's row, decide, update the
 * balance, append the journal row, store the answer on the key's row, commit. Either all of it is durable or none.
 */
@Component
class Withdrawals {

    /** The status and JSON body a withdrawal answers; replayed when an earlier request with the key decided it. */
    record Answer(int status, String body, boolean replayed) {
    }

    record EntryResult(String entryId, String walletId, String type, String amount, String balance, long version,
                       Instant occurredAt) {
    }

    private record LockedWallet(String ownerId, long balance, long version) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Problems problems;
    private final Clock clock = Clock.systemUTC();

    Withdrawals(JdbcTemplate jdbc, TransactionTemplate transactions, Problems problems) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.problems = problems;
    }

    Answer withdraw(Caller caller, UUID walletId, IdempotencyKey key, long cents) {
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            // A second request with the key waits here until the first one's transaction ends: it then finds the
            // first one's answer (committed with its row), or claims the key itself when the first rolled back.
            // So no request ever sees a key whose request is still in progress.
            int claimed = jdbc.update("""
                    insert into idempotency (principal, key, request_hash, created_at) values (?, ?, ?, ?)
                    on conflict do nothing""", caller.userId(), key.key(), key.requestHash(), Timestamp.from(now));
            if (claimed == 0) {
                return earlierAnswer(caller, key);
            }
            List<LockedWallet> found = jdbc.query(
                    "select owner_id, balance, version from wallet where id = ? for update",
                    (row, n) -> new LockedWallet(row.getString(1), row.getLong(2), row.getLong(3)), walletId);
            // a refusal (an exception) rolls the claim back: it decided nothing, so the key stays free for a
            // corrected request
            if (found.isEmpty()) {
                throw new Problem.Refusal(404, "not-found", "no wallet " + walletId);
            }
            LockedWallet wallet = found.get(0);
            if (!caller.mayMoveMoneyOf(wallet.ownerId())) {
                throw new Problem.Refusal(403, "forbidden", "not your wallet");
            }
            Answer answer = wallet.balance() < cents
                    ? new Answer(422, problems.json(Problem.of(422, "insufficient-funds",
                            "the balance is " + decimal(wallet.balance()))), false)
                    : new Answer(201, problems.json(debit(walletId, wallet, cents, key, now)), false);
            jdbc.update("update idempotency set status = ?, response = ? where principal = ? and key = ?",
                    answer.status(), answer.body(), caller.userId(), key.key());
            return answer;
        });
    }

    private EntryResult debit(UUID walletId, LockedWallet wallet, long cents, IdempotencyKey key, Instant now) {
        long balance = wallet.balance() - cents;
        long version = wallet.version() + 1;
        jdbc.update("update wallet set balance = ?, version = ? where id = ?", balance, version, walletId);
        Long entryId = jdbc.queryForObject("""
                insert into wallet_entry (wallet_id, amount, balance_after, idempotency_key, occurred_at)
                values (?, ?, ?, ?, ?) returning id""", Long.class, walletId, -cents, balance, key.key(),
                Timestamp.from(now));
        return new EntryResult(String.valueOf(entryId), walletId.toString(), "WITHDRAWN", decimal(cents),
                decimal(balance), version, now);
    }

    private Answer earlierAnswer(Caller caller, IdempotencyKey key) {
        return jdbc.queryForObject(
                "select request_hash, status, response from idempotency where principal = ? and key = ?", (row, n) -> {
                    if (!key.requestHash().equals(row.getString(1))) {
                        throw new Problem.Refusal(422, "idempotency-key-reused",
                                "this Idempotency-Key came with another request");
                    }
                    return new Answer(row.getInt(2), row.getString(3), true);
                }, caller.userId(), key.key());
    }

    static String decimal(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
