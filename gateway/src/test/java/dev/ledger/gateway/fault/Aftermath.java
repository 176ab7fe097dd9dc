package dev.ledger.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.fault.MoneyMovers.Kind;
import dev.ledger.gateway.fault.MoneyMovers.Operation;
import dev.ledger.gateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What must hold once a fault is over, checked against what the clients were told: every key has exactly one effect
 * (counted in the event store, where the events carry their command's idempotency key in their metadata), no transfer
 * stays PENDING, every wallet holds what the answers add up to, money is conserved, and verification is ok.
 */
final class Aftermath {

    /** The operations whose command appends exactly one event to a wallet when it succeeds. */
    private static final Set<Kind> ONE_EVENT = Set.of(Kind.OPEN, Kind.DEPOSIT, Kind.WITHDRAWAL, Kind.HOLD,
            Kind.CAPTURE);

    private final MoneyMovers clients;
    private final Map<String, String> transferEnds = new HashMap<>();
    private int lost;
    private int duplicated;
    private int refusedButRecorded;
    private long balanceTotal;

    Aftermath(MoneyMovers clients) {
        this.clients = clients;
    }

    /** Runs every check, then prints the figures and asserts them. */
    void check(String fault, Map<String, Object> figures) throws SQLException {
        List<Operation> operations = List.copyOf(clients.operations());
        assertThat(operations).as("operations whose outcome no retry could establish")
                .filteredOn(Operation::undetermined).isEmpty();
        assertThat(operations).as("operations answered 500").filteredOn(op -> op.status >= 500).isEmpty();

        settleTransfers(operations);
        countEffects(operations);
        Map<String, Long> expected = clients.expectedBalances(() -> transferEnds);
        await("every wallet's balance as the answers add up").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, Long> actual = new HashMap<>();
                    for (String wallet : clients.wallets()) {
                        JsonNode view = clients.get("/api/wallets/" + wallet);
                        assertThat(view).as("wallet " + wallet).isNotNull();
                        actual.put(wallet, MoneyMovers.minor(view.get("balance").asText()));
                    }
                    assertThat(actual).isEqualTo(expected);
                    balanceTotal = actual.values().stream().mapToLong(Long::longValue).sum();
                });
        JsonNode report = await("POST /api/audit/verify ok").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(clients::verify,
                        verified -> verified != null && verified.get("ok").asBoolean());

        Map<String, Object> all = new LinkedHashMap<>(figures);
        all.put("operations", operations.size());
        all.put("requests", clients.attempts().size());
        all.put("retries", operations.stream().mapToInt(op -> op.attempts - 1).sum());
        // 0: no answer (refused, reset or timed out)
        all.put("answersByStatus", clients.attempts().stream().collect(Collectors.groupingBy(
                MoneyMovers.Attempt::status, TreeMap::new, Collectors.counting())));
        all.put("transfers", transferEnds.size());
        all.put("moneyExpected", MoneyMovers.decimal(clients.moneyThatShouldExist()));
        all.put("moneyInWallets", MoneyMovers.decimal(balanceTotal));
        all.put("eventsVerified", report.get("eventsChecked"));
        all.put("effectsLost", lost);
        all.put("effectsDuplicated", duplicated);
        all.put("refusedButRecorded", refusedButRecorded);
        System.out.println("FAULT " + fault + ": " + all);

        assertThat(lost).as("keys answered with success that moved nothing").isZero();
        assertThat(duplicated).as("keys that took effect more than once").isZero();
        assertThat(refusedButRecorded).as("keys answered with a refusal that recorded events").isZero();
        assertThat(balanceTotal).as("money conserved").isEqualTo(clients.moneyThatShouldExist());
    }

    /** Waits until every transfer answered 201 or 202 has ended; none may stay PENDING. */
    private void settleTransfers(List<Operation> operations) {
        for (Operation transfer : operations) {
            if (transfer.kind != Kind.TRANSFER || !transfer.succeeded()) {
                continue;
            }
            String id = transfer.body.get("transferId").asText();
            String status = await("transfer " + id + " settled").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        JsonNode view = clients.get("/api/transfers/" + id);
                        return view == null ? "PENDING" : view.get("status").asText();
                    }, ended -> !"PENDING".equals(ended));
            transferEnds.put(id, status);
        }
    }

    /**
     * Counts, per key of this run, the events it caused on each aggregate. A success must have caused events (one
     * where the command appends one); an event type twice on one aggregate under one key is a duplicate; a refusal
     * must have caused none.
     */
    private void countEffects(List<Operation> operations) throws SQLException {
        Map<String, List<Integer>> effects = new HashMap<>();
        TestDatabase.Connection db = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement query = connection.prepareStatement("""
                     select key, aggregate_identifier, payload_type, count(*) as events
                     from (select convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' as key,
                                  aggregate_identifier, payload_type
                           from domain_event_entry) keyed
                     where key like ? group by key, aggregate_identifier, payload_type""")) {
            query.setString(1, clients.keyPrefix() + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    effects.computeIfAbsent(rows.getString("key"), key -> new ArrayList<>()).add(rows.getInt("events"));
                }
            }
        }
        for (Operation operation : operations) {
            List<Integer> counts = effects.getOrDefault(operation.key, List.of());
            int events = counts.stream().mapToInt(Integer::intValue).sum();
            if (operation.succeeded()) {
                if (events == 0) {
                    lost++;
                    System.out.println("LOST " + operation);
                } else if (counts.stream().anyMatch(n -> n > 1) || ONE_EVENT.contains(operation.kind) && events > 1) {
                    duplicated++;
                    System.out.println("DUPLICATED " + operation + " events " + counts);
                }
            } else if (events > 0) {
                refusedButRecorded++;
                System.out.println("REFUSED BUT RECORDED " + operation + " events " + counts);
            }
        }
    }
}
