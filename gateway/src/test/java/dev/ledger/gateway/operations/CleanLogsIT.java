package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.ServiceProcess;
import dev.ledger.gateway.support.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads: the packaged service started, used — client errors included — and stopped with SIGTERM, on
 * the embedded H2 default and on PostgreSQL, prints no banner, no ERROR, no stack trace, and at start no warning
 * other than those the README explains.
 */
class CleanLogsIT {

    private static final String ADMIN = "lk_clean-logs-admin-key";
    /** The loggers whose start-up warnings README "Logs" explains. */
    private static final List<String> EXPLAINED_WARNINGS = List.of("c.g.k.s.j.A.utc_warning",
            "i.m.core.instrument.MeterRegistry");

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultStartsAndStopsCleanly() throws Exception {
        runAndStop(Map.of("LEDGER_DATA_DIR", dataDir.toString()));
    }

    @Test
    void postgresStartsAndStopsCleanly() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        // configured as in production: without the webhook secrets' key, a shared database earns a warning
        runAndStop(Map.of("LEDGER_DB_URL", db.url(), "LEDGER_DB_USER", db.username(),
                "LEDGER_DB_PASSWORD", db.password(),
                "LEDGER_WEBHOOKS_SECRET_KEY", "k7xQeGk0yqZ5n1o8R4w2bq3FJm6tV9cYsLhA0dPzE1U="));
    }

    private void runAndStop(Map<String, String> database) throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> environment = new HashMap<>(database);
        environment.putAll(Map.of("LEDGER_PORT", Integer.toString(port),
                "LEDGER_MANAGEMENT_PORT", Integer.toString(ServiceProcess.freePort()), "LEDGER_ADMIN_API_KEY", ADMIN));
        try (ServiceProcess service = ServiceProcess.start(environment, List.of())) {
            Api api = new Api(port);
            service.awaitHealthy(api);
            String client = api.clientKey(ADMIN, "clean-logs-" + UUID.randomUUID());
            String wallet = api.openWallet(client, "USD");
            api.deposit(ADMIN, wallet, "10.00");
            assertThat(api.get("/api/wallets/" + wallet + "?minVersion=2", client).status()).isEqualTo(200);
            // client errors of every kind: the client's to fix, nothing in them for the operator's log
            String unknown = "00000000-0000-4000-8000-000000000000";
            assertThat(api.post("/api/wallets/" + unknown + "/deposits", ADMIN, "{\"amount\":\"1.00\"}").status())
                    .isEqualTo(404);
            assertThat(api.post("/api/escrows/" + unknown + "/fund", client, null).status()).isEqualTo(404);
            assertThat(api.get("/api/wallets/" + unknown, client).status()).isEqualTo(404);
            assertThat(api.get("/api/no-such-endpoint", client).status()).isEqualTo(404);
            assertThat(api.post("/api/wallets/" + wallet + "/withdrawals", client, "{\"amount\":\"99.00\"}").status())
                    .isEqualTo(422);
            assertThat(api.post("/api/wallets/" + wallet + "/withdrawals", client, "{\"amount\":\"x\"}").status())
                    .isEqualTo(400);
            assertThat(api.get("/api/audit/events", client).status()).isEqualTo(403);
            assertThat(api.get("/api/wallets", "lk_nobody").status()).isEqualTo(401);

            service.stop();

            String log = service.output();
            assertThat(log).contains("Tomcat started on port");
            assertThat(log.lines().filter(line -> line.contains(" ERROR ")).toList()).as("ERROR lines").isEmpty();
            assertThat(log.lines().filter(line -> line.startsWith("\tat ") || line.contains("Exception:")).toList())
                    .as("stack traces").isEmpty();
            assertThat(log).as("no banner").doesNotContain(":: Spring Boot ::").doesNotContain("AxonIQ Console");
            assertThat(log.lines().filter(line -> line.contains(" WARN "))
                    .filter(line -> EXPLAINED_WARNINGS.stream().noneMatch(line::contains)).toList())
                    .as("warnings the README does not explain").isEmpty();
        }
    }
}
