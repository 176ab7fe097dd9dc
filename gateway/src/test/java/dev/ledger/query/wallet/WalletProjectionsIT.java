package dev.ledger.query.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.EntryPage;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EntryView;
import dev.ledger.events.wallet.FindWalletQuery;
import dev.ledger.events.wallet.ListEntriesQuery;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletUnfrozen;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.support.IntegrationTest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wallet projections as plain objects on the real schema in PostgreSQL: events go straight into their handlers
 * with the sequence numbers Axon would pass, and the rows are read back through the query handlers. The wallet ids
 * are random and never reach the event store, so the running event processors never touch these rows.
 */
class WalletProjectionsIT extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00.125Z");

    @Autowired
    private WalletProjection wallets;
    @Autowired
    private WalletJournalProjection journal;
    @Autowired
    private WalletQueries walletQueries;
    @Autowired
    private WalletJournalQueries journalQueries;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private TransactionTemplate transaction;
    private String walletId;

    /** One event as Axon delivers it: payload, the aggregate's sequence number and the command's idempotency key. */
    private record Delivery(Object event, long sequence, String idempotencyKey) {
    }

    @BeforeEach
    void newWallet() {
        transaction = new TransactionTemplate(transactionManager);
        walletId = UUID.randomUUID().toString();
    }

    @Test
    void aWalletsLifecycleShowsInTheWalletRowAndTheJournal() {
        deliver(opened(0), deposit(1, 25_000, "top-up-1"), withdraw(2, 10_000, "payout-1"), freeze(3));

        assertThat(wallet()).satisfies(view -> {
            assertThat(view.status()).isEqualTo(WalletStatus.FROZEN);
            assertThat(view.balance()).isEqualTo(usd(15_000));
            assertThat(view.held()).isEqualTo(usd(0));
            assertThat(view.available()).isEqualTo(usd(15_000));
            assertThat(view.version()).isEqualTo(4);
            assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(3));
        });

        deliver(unfreeze(4), withdraw(5, 15_000, "payout-2"), close(6));

        WalletView closed = wallet();
        assertThat(closed).isEqualTo(new WalletView(walletId, "owner-1", "USD", "Savings", WalletStatus.CLOSED,
                usd(0), usd(0), usd(0), 7, T0, T0.plusSeconds(6)));

        List<EntryView> entries = entries(null, null, null, 50, null).items();
        assertThat(entries)
                .extracting(EntryView::sequence, EntryView::type, EntryView::amount, EntryView::balanceAfter,
                        EntryView::heldAfter, EntryView::availableAfter, EntryView::reference,
                        EntryView::idempotencyKey, EntryView::occurredAt)
                .containsExactly(
                        tuple(6L, EntryType.CLOSED, null, usd(0), usd(0), usd(0), null, key(6), T0.plusSeconds(6)),
                        tuple(5L, EntryType.WITHDRAWN, usd(15_000), usd(0), usd(0), usd(0), "payout-2", key(5),
                                T0.plusSeconds(5)),
                        tuple(4L, EntryType.UNFROZEN, null, usd(15_000), usd(0), usd(15_000), null, key(4),
                                T0.plusSeconds(4)),
                        tuple(3L, EntryType.FROZEN, null, usd(15_000), usd(0), usd(15_000), null, key(3),
                                T0.plusSeconds(3)),
                        tuple(2L, EntryType.WITHDRAWN, usd(10_000), usd(15_000), usd(0), usd(15_000), "payout-1",
                                key(2), T0.plusSeconds(2)),
                        tuple(1L, EntryType.DEPOSITED, usd(25_000), usd(25_000), usd(0), usd(25_000), "top-up-1",
                                key(1), T0.plusSeconds(1)));
        assertThat(entries).extracting(EntryView::entryId)
                .containsExactly(entryId(6), entryId(5), entryId(4), entryId(3), entryId(2), entryId(1));
        assertThat(entries).extracting(EntryView::counterparty).containsOnlyNulls();
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        List<Delivery> history = List.of(opened(0), deposit(1, 25_000, "top-up-1"), withdraw(2, 10_000, "payout-1"),
                freeze(3), unfreeze(4), deposit(5, 500, "top-up-2"));
        deliver(history.toArray(Delivery[]::new));
        Map<String, List<Map<String, Object>>> before = rows();
        assertThat(before.get("wallet_view")).hasSize(1);
        assertThat(before.get("wallet_entry")).hasSize(5);

        deliver(history.toArray(Delivery[]::new));

        assertThat(rows()).isEqualTo(before);
        assertThat(wallet().balance()).isEqualTo(usd(15_500));
        assertThat(wallet().version()).isEqualTo(6);
    }

    @Test
    void anEventDeliveredTwiceInARowIsAppliedOnce() {
        for (Delivery delivery : List.of(opened(0), deposit(1, 25_000, "top-up-1"), withdraw(2, 10_000, "payout-1"),
                freeze(3))) {
            deliver(delivery, delivery);
        }

        assertThat(wallet().balance()).isEqualTo(usd(15_000));
        assertThat(wallet().status()).isEqualTo(WalletStatus.FROZEN);
        assertThat(wallet().version()).isEqualTo(4);
        assertThat(entries(null, null, null, 50, null).items())
                .extracting(EntryView::sequence, EntryView::type, EntryView::balanceAfter)
                .containsExactly(tuple(3L, EntryType.FROZEN, usd(15_000)),
                        tuple(2L, EntryType.WITHDRAWN, usd(15_000)),
                        tuple(1L, EntryType.DEPOSITED, usd(25_000)));
    }

    @Test
    void theWalletRowIgnoresAnEventThatSkipsASequence() {
        deliver(opened(0), deposit(1, 25_000, "top-up-1"));
        WalletView before = wallet();

        deliver(deposit(3, 700, "from-the-future"), freeze(4));

        assertThat(wallet()).isEqualTo(before);

        // once the missing event arrives, the stream goes on from there
        deliver(withdraw(2, 5_000, "late"), deposit(3, 700, "from-the-future"));

        assertThat(wallet().balance()).isEqualTo(usd(20_700));
        assertThat(wallet().version()).isEqualTo(4);
    }

    @Test
    void theJournalIgnoresAnEventThatSkipsASequence() {
        deliver(opened(0), deposit(1, 25_000, "top-up-1"));
        List<EntryView> before = entries(null, null, null, 50, null).items();

        // sequence 2 has not arrived: applying 3 now would record a balance that misses 2, and 2 would then be lost
        deliver(deposit(3, 700, "from-the-future"));

        assertThat(entries(null, null, null, 50, null).items()).isEqualTo(before);
    }

    @Test
    void entriesArePagedNewestFirstWithCursors() {
        deliverFiveEntries();

        EntryPage first = entries(null, null, null, 2, null);
        assertThat(first.items()).extracting(EntryView::sequence).containsExactly(5L, 4L);
        assertThat(first.nextCursor()).isNotNull();

        EntryPage second = entries(null, null, null, 2, first.nextCursor());
        assertThat(second.items()).extracting(EntryView::sequence).containsExactly(3L, 2L);
        assertThat(second.nextCursor()).isNotNull().isNotEqualTo(first.nextCursor());

        EntryPage last = entries(null, null, null, 2, second.nextCursor());
        assertThat(last.items()).extracting(EntryView::sequence).containsExactly(1L);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastEntryHasNoNextCursor() {
        deliverFiveEntries();

        EntryPage all = entries(null, null, null, 5, null);

        assertThat(all.items()).extracting(EntryView::sequence).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(all.nextCursor()).isNull();
    }

    @Test
    void entriesFilterByTimeRangeIncludingFromAndExcludingTo() {
        deliverFiveEntries();

        assertThat(entries(T0.plusSeconds(2), T0.plusSeconds(4), null, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(3L, 2L);
        assertThat(entries(T0.plusSeconds(4), null, null, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(5L, 4L);
        assertThat(entries(null, T0.plusSeconds(2), null, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(1L);
        assertThat(entries(T0.plusSeconds(3), T0.plusSeconds(3), null, 50, null).items()).isEmpty();
    }

    @Test
    void entriesFilterByType() {
        deliverFiveEntries();

        assertThat(entries(null, null, EntryType.DEPOSITED, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(5L, 3L, 1L);
        assertThat(entries(null, null, EntryType.WITHDRAWN, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(2L);
        assertThat(entries(null, null, EntryType.CLOSED, 50, null).items()).isEmpty();
        assertThat(entries(T0.plusSeconds(3), null, EntryType.DEPOSITED, 50, null).items())
                .extracting(EntryView::sequence).containsExactly(5L, 3L);
    }

    @Test
    void aFilteredListPagesWithinTheFilter() {
        deliverFiveEntries();

        EntryPage first = entries(null, null, EntryType.DEPOSITED, 2, null);
        EntryPage second = entries(null, null, EntryType.DEPOSITED, 2, first.nextCursor());

        assertThat(first.items()).extracting(EntryView::sequence).containsExactly(5L, 3L);
        assertThat(second.items()).extracting(EntryView::sequence).containsExactly(1L);
        assertThat(second.nextCursor()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor!", "", "%%%", "YWJj" /* "abc" */, "MXwy" /* "1|2" */})
    void aCursorThisApiDidNotIssueIsAValidationFailure(String cursor) {
        deliverFiveEntries();

        assertThatThrownBy(() -> entries(null, null, null, 2, cursor))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.extensions()).containsKey("errors");
                });
    }

    // ---- given ----

    /** Deposited 1, withdrawn 2, deposited 3, frozen 4, deposited 5 (a frozen wallet still receives money). */
    private void deliverFiveEntries() {
        deliver(opened(0), deposit(1, 10_000, "a"), withdraw(2, 2_500, "b"), deposit(3, 1_000, "c"), freeze(4),
                deposit(5, 99, "d"));
    }

    private void deliver(Delivery... deliveries) {
        for (Delivery delivery : deliveries) {
            // one transaction per event, as a processor applies each in its unit of work
            transaction.executeWithoutResult(status -> apply(delivery));
        }
    }

    private void apply(Delivery delivery) {
        long sequence = delivery.sequence();
        String key = delivery.idempotencyKey();
        Object event = delivery.event();
        if (event instanceof WalletOpened e) {
            wallets.on(e, sequence);
            journal.on(e, sequence);
        } else if (event instanceof MoneyDeposited e) {
            wallets.on(e, sequence);
            journal.on(e, sequence, key);
        } else if (event instanceof MoneyWithdrawn e) {
            wallets.on(e, sequence);
            journal.on(e, sequence, key);
        } else if (event instanceof WalletFrozen e) {
            wallets.on(e, sequence);
            journal.on(e, sequence, key);
        } else if (event instanceof WalletUnfrozen e) {
            wallets.on(e, sequence);
            journal.on(e, sequence, key);
        } else if (event instanceof WalletClosed e) {
            wallets.on(e, sequence);
            journal.on(e, sequence, key);
        } else {
            throw new IllegalArgumentException("no handler for " + event);
        }
    }

    private Delivery opened(long sequence) {
        return new Delivery(new WalletOpened(walletId, "owner-1", "USD", "Savings", at(sequence)), sequence,
                key(sequence));
    }

    private Delivery deposit(long sequence, long cents, String reference) {
        return new Delivery(new MoneyDeposited(walletId, entryId(sequence), usd(cents), reference, at(sequence)),
                sequence, key(sequence));
    }

    private Delivery withdraw(long sequence, long cents, String reference) {
        return new Delivery(new MoneyWithdrawn(walletId, entryId(sequence), usd(cents), reference, at(sequence)),
                sequence, key(sequence));
    }

    private Delivery freeze(long sequence) {
        return new Delivery(new WalletFrozen(walletId, entryId(sequence), at(sequence)), sequence, key(sequence));
    }

    private Delivery unfreeze(long sequence) {
        return new Delivery(new WalletUnfrozen(walletId, entryId(sequence), at(sequence)), sequence, key(sequence));
    }

    private Delivery close(long sequence) {
        return new Delivery(new WalletClosed(walletId, entryId(sequence), at(sequence)), sequence, key(sequence));
    }

    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private String entryId(long sequence) {
        return "entry-" + sequence + "-" + walletId.substring(0, 8);
    }

    private static String key(long sequence) {
        return "idem-" + sequence;
    }

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    // ---- then ----

    private WalletView wallet() {
        return walletQueries.find(new FindWalletQuery(walletId)).orElseThrow(() ->
                new AssertionError("no wallet_view row for " + walletId));
    }

    private EntryPage entries(Instant from, Instant to, EntryType type, int limit, String cursor) {
        return journalQueries.entries(new ListEntriesQuery(walletId, from, to, type, limit, cursor));
    }

    /** Every row the two projections keep for this wallet, every column. */
    private Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("wallet_view", jdbc.queryForList("select * from wallet_view where wallet_id = ?", walletId));
        rows.put("wallet_journal_head",
                jdbc.queryForList("select * from wallet_journal_head where wallet_id = ?", walletId));
        rows.put("wallet_entry",
                jdbc.queryForList("select * from wallet_entry where wallet_id = ? order by sequence", walletId));
        return rows;
    }
}
