package dev.ledger.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import dev.ledger.query.rebuild.RebuildableReadModel;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * API.md §7: {@code POST /api/admin/projections/{name}/replay} rebuilds a read model from the history while the
 * service keeps answering, with a second instance running on the same database.
 */
class ReadModelReplayIT extends IntegrationTest {

    private static final List<String> READ_MODELS =
            List.of("wallets", "wallet-entries", "holds", "transfers", "escrows", "transactions");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void replaysUnderConcurrentWritesOnTwoInstancesEndIdenticalToAFreshRebuild() throws Exception {
        String owner = api.clientKey(ADMIN_KEY, newUser("replayed"));
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String wallet = api.openWallet(owner, "USD");
            api.deposit(ADMIN_KEY, wallet, "1000.00");
            wallets.add(wallet);
        }
        awaitCaughtUp();
        // a read model row gone wrong (by hand): a replay rebuilds it from the history
        String damaged = wallets.get(0);
        jdbc.update("update wallet_view set label = 'damaged' where wallet_id = ?", damaged);

        try (LedgerInstance second = LedgerInstance.onTestDatabase(ADMIN_KEY)) {
            Api other = second.api();
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger moved = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            // writers on both instances, and a reader that must always be answered from a whole read model
            running.add(clients.submit(() -> write(api, owner, wallets, writing, failures, moved)));
            running.add(clients.submit(() -> write(other, owner, wallets, writing, failures, moved)));
            running.add(clients.submit(() -> read(other, owner, wallets, writing, failures)));
            running.add(clients.submit(() -> probeHealth(List.of(api, other), List.of(management, second.management()),
                    writing, failures)));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> moved.get() >= 10);
                for (String name : READ_MODELS) {
                    Response accepted = api.post("/api/admin/projections/" + name + "/replay", ADMIN_KEY, null);
                    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                    assertThat(accepted.json().get("name").asText()).isEqualTo(name);
                    assertThat(accepted.json().get("replaying").asBoolean()).isTrue();
                }
                Response again = other.post("/api/admin/projections/wallets/replay", ADMIN_KEY, null);
                assertThat(again.status()).as("one replay at a time, whichever instance is asked").isIn(202, 409);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (String name : READ_MODELS) {
                        JsonNode item = ProjectionStatusIT.item(other.get("/api/admin/projections", ADMIN_KEY), name);
                        assertThat(item.at("/lastReplay/state").asText()).as(item.toString()).isEqualTo("DONE");
                        assertThat(item.get("replaying").asBoolean()).as(item.toString()).isFalse();
                    }
                });
                int before = moved.get();
                await().atMost(Duration.ofSeconds(20)).until(() -> moved.get() >= before + 10);
            } finally {
                writing.set(false);
                for (Future<?> client : running) {
                    client.get();
                }
                clients.shutdown();
            }
            assertThat(failures).as("every request answered, and never with a half-built read model").isEmpty();

            awaitCaughtUp();
            assertThat(api.get("/api/wallets/" + damaged, owner).json().get("label").isNull())
                    .as("the damaged row was rebuilt from the history").isTrue();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Response verified = other.post("/api/audit/verify", ADMIN_KEY, null);
                assertThat(verified.json().get("ok").asBoolean()).as(verified.body()).isTrue();
            });
        }
        for (RebuildableReadModel model : RebuildableReadModel.values()) {
            for (String table : model.tables()) {
                assertThat(jdbc.queryForObject("select count(*) from " + table + "_rebuild", Long.class))
                        .as("the twin of %s is emptied after the swap", table).isZero();
            }
        }
    }

    @Test
    void everyReadModelTableAndItsTwinAreAlikeAndTheLiveOneKeepsItsIndexNames() {
        List<String> indexesBefore = liveIndexNames();
        Response accepted = api.post("/api/admin/projections/wallet-entries/replay", ADMIN_KEY, null);
        assertThat(accepted.status()).as(accepted.body()).isIn(202, 409);
        awaitReplayed("wallet-entries");

        assertThat(liveIndexNames()).isEqualTo(indexesBefore);
        for (RebuildableReadModel model : RebuildableReadModel.values()) {
            for (String table : model.tables()) {
                assertThat(columns(table + "_rebuild")).as(table).isEqualTo(columns(table));
                assertThat(indexShapes(table + "_rebuild")).as(table).isEqualTo(indexShapes(table));
            }
        }
    }

    @Test
    void aReplayRunningOnAnotherInstanceIsRespectedUntilThatInstanceFallsSilent() {
        String node = "elsewhere/" + UUID.randomUUID();
        claim("escrows", node, Instant.now());
        try {
            Response refused = api.post("/api/admin/projections/escrows/replay", ADMIN_KEY, null);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("replay-in-progress");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode item = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), "escrows");
            assertThat(item.get("replaying").asBoolean()).isTrue();
            assertThat(item.at("/lastReplay/state").asText()).isEqualTo("RUNNING");

            // that instance died a minute ago: its replay is taken over
            claim("escrows", node, Instant.now().minusSeconds(60));
            JsonNode dead = ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), "escrows");
            assertThat(dead.get("replaying").asBoolean()).isFalse();
            assertThat(dead.at("/lastReplay/state").asText()).isEqualTo("FAILED");
            Response accepted = api.post("/api/admin/projections/escrows/replay", ADMIN_KEY, null);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        } finally {
            awaitReplayed("escrows");
        }
    }

    @Test
    void onlyAdminsReplayAndOnlyReadModels() {
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        String client = api.clientKey(ADMIN_KEY, newUser("replayer"));

        Response process = api.post("/api/admin/projections/transfer-process/replay", ADMIN_KEY, null);
        Response unknown = api.post("/api/admin/projections/nothing/replay", ADMIN_KEY, null);
        Response byAuditor = api.post("/api/admin/projections/wallets/replay", auditor, null);
        Response byClient = api.post("/api/admin/projections/wallets/replay", client, null);

        assertThat(process.status()).as(process.body()).isEqualTo(409);
        assertThat(process.code()).isEqualTo("not-replayable");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not-found");
        assertThat(byAuditor.status()).isEqualTo(403);
        assertThat(byClient.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from read_model_rebuild where name = 'transfer-process'",
                Long.class)).isZero();
    }

    // ---- workload ----

    private static void write(Api api, String owner, List<String> wallets, AtomicBoolean writing,
                              ConcurrentLinkedQueue<String> failures, AtomicInteger moved) {
        int n = 0;
        while (writing.get()) {
            String wallet = wallets.get(n++ % wallets.size());
            Response response = switch (n % 3) {
                case 0 -> post(api, "/api/wallets/" + wallet + "/withdrawals", owner, "{\"amount\":\"0.01\"}");
                case 1 -> {
                    Response hold = post(api, "/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"0.02\"}");
                    yield hold.status() != 201 ? hold : post(api, "/api/wallets/" + wallet + "/holds/"
                            + hold.text("holdId") + "/capture", owner, "{\"amount\":\"0.01\"}");
                }
                default -> post(api, "/api/transfers", owner, "{\"fromWalletId\":\"" + wallet
                        + "\",\"toWalletId\":\"" + wallets.get(n % wallets.size()) + "\",\"amount\":\"0.01\"}");
            };
            if (response.status() >= 300) {
                failures.add(response.status() + " " + response.body());
            }
            moved.incrementAndGet();
        }
    }

    /**
     * A command as a careful client sends it: two instances may change the same wallet at once, and the one that
     * loses is told 409 concurrent-modification and sends the request again with the same key.
     */
    private static Response post(Api api, String path, String owner, String body) {
        String key = UUID.randomUUID().toString();
        Response response = api.post(path, owner, key, body);
        for (int retry = 0; retry < 10 && "concurrent-modification".equals(response.code()); retry++) {
            response = api.post(path, owner, key, body);
        }
        return response;
    }

    private static void read(Api api, String owner, List<String> wallets, AtomicBoolean writing,
                             ConcurrentLinkedQueue<String> failures) {
        int n = 0;
        while (writing.get()) {
            String wallet = wallets.get(n++ % wallets.size());
            for (String path : List.of("/api/wallets/" + wallet, "/api/wallets/" + wallet + "/entries?limit=5",
                    "/api/wallets/" + wallet + "/holds", "/api/wallets?limit=10")) {
                Response response = api.get(path, owner);
                if (response.status() != 200) {
                    failures.add(path + ": " + response.status() + " " + response.body());
                } else if (path.equals("/api/wallets/" + wallet) && !response.json().get("label").isNull()
                        && !"damaged".equals(response.text("label"))) {
                    failures.add(path + ": " + response.body());
                }
            }
        }
    }

    /**
     * A load balancer's probe of each instance's API port, and a monitor of its management port: a replay is normal
     * operation, never DOWN (API.md §8).
     */
    private static void probeHealth(List<Api> apiPorts, List<Api> managementPorts, AtomicBoolean writing,
                                    ConcurrentLinkedQueue<String> failures) {
        while (writing.get()) {
            for (Api instance : apiPorts) {
                Response health = instance.get("/actuator/health", null);
                if (health.status() != 200 || !"UP".equals(health.text("status"))) {
                    failures.add("API port health: " + health.status() + " " + health.body());
                }
            }
            for (Api instance : managementPorts) {
                Response health = instance.get("/actuator/health", null);
                String processors = health.json().at("/components/eventProcessors/status").asText();
                if (health.status() != 200 || processors.equals("DOWN")) {
                    failures.add("management health: " + health.status() + " " + health.body());
                }
            }
        }
    }

    // ---- helpers ----

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode item : api.get("/api/admin/projections", ADMIN_KEY).json().get("items")) {
                assertThat(item.get("lag").asLong()).as(item.toString()).isZero();
            }
        });
    }

    private void awaitReplayed(String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), name).at("/lastReplay/state").asText())
                        .isIn("DONE", "FAILED"));
        assertThat(ProjectionStatusIT.item(api.get("/api/admin/projections", ADMIN_KEY), name).at("/lastReplay/state").asText())
                .isEqualTo("DONE");
    }

    private void claim(String name, String node, Instant heartbeat) {
        jdbc.update("""
                insert into read_model_rebuild (name, state, position, head, events)
                values (?, 'IDLE', -1, -1, 0) on conflict do nothing""", name);
        jdbc.update("""
                update read_model_rebuild set state = 'RUNNING', node = ?, started_at = ?, heartbeat_at = ?,
                                              finished_at = null where name = ?""",
                node, Timestamp.from(heartbeat), Timestamp.from(heartbeat), name);
    }

    private List<String> columns(String table) {
        return jdbc.queryForList("""
                select column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length, 0) || ' '
                       || is_nullable
                from information_schema.columns where table_schema = current_schema() and table_name = ?
                order by ordinal_position""", String.class, table);
    }

    private List<String> indexShapes(String table) {
        return jdbc.queryForList("""
                select case when i.indisunique then 'unique ' else '' end
                       || substring(pg_get_indexdef(c.oid) from ' USING .*')
                from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = to_regclass(?) order by 1""", String.class, table);
    }

    private List<String> liveIndexNames() {
        List<String> names = new ArrayList<>();
        for (RebuildableReadModel model : RebuildableReadModel.values()) {
            for (String table : model.tables()) {
                names.addAll(jdbc.queryForList("""
                        select c.relname || ' on ' || t.relname
                        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
                        where i.indrelid = to_regclass(?) order by 1""", String.class, table));
            }
        }
        return names;
    }
}
