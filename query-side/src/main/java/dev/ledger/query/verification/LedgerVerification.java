package dev.ledger.query.verification;

import dev.ledger.events.audit.VerificationReport;
import dev.ledger.events.audit.VerifyLedgerQuery;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification (API.md §7), in four steps over one snapshot: the event log's hash chain recomputed
 * ({@link ChainCheck}), every stored event replayed into a fresh model ({@link ModelReplay}), the ledger's invariants
 * checked on it ({@link Invariants}), and every read model compared with it row by row ({@link ReadModelComparison}).
 * Everything is read in one repeatable-read transaction, so the events and the read models are one snapshot; a read
 * model that is still catching up with the latest events shows as a mismatch for as long as it lags.
 */
@Component
public class LedgerVerification {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final Serializer serializer;

    public LedgerVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, Serializer serializer) {
        // its own template: the fetch size streams the event log instead of loading it whole
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = transactions;
        this.serializer = serializer;
    }

    @QueryHandler
    public VerificationReport verify(VerifyLedgerQuery query) {
        return verify();
    }

    public VerificationReport verify() {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot.execute(status -> run());
    }

    private VerificationReport run() {
        Mismatches mismatches = new Mismatches();
        new ChainCheck(jdbc, mismatches).run();
        ModelReplay replay = new ModelReplay(serializer, mismatches);
        jdbc.query("select " + EventChain.COLUMNS + " from domain_event_entry order by global_index",
                (RowCallbackHandler) replay::replay);
        LedgerModel model = replay.model();
        new Invariants(mismatches).check(model, balanceTotals());
        new ReadModelComparison(jdbc, mismatches).compare(model);
        return new VerificationReport(mismatches.isEmpty(), model.eventsChecked, mismatches.list());
    }

    /** Per currency, Σ {@code wallet_view.balance}: exact, as the database sums (numeric on PostgreSQL and H2). */
    private Map<String, BigInteger> balanceTotals() {
        Map<String, BigInteger> totals = new TreeMap<>();
        jdbc.query("select currency, sum(balance) as total from wallet_view group by currency", row -> {
            totals.put(row.getString("currency"), row.getBigDecimal("total").toBigIntegerExact());
        });
        return totals;
    }
}
