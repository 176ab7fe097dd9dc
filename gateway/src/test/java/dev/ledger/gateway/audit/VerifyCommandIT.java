package dev.ledger.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.Sealed;
import dev.ledger.gateway.support.ServiceProcess;
import dev.ledger.gateway.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The verification command as an operator runs it — the README's {@code java -jar gateway/target/ledger.jar
 * --ledger.verify-and-exit=true --server.port=-1}, a process of its own — against a ledger that verifies, one whose
 * read model was changed by hand, and a database without the ledger's schema.
 */
class VerifyCommandIT extends IntegrationTest {

    /** stdout must be one JSON document and nothing else. */
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Autowired
    private JdbcTemplate jdbc;

    private String wallet;

    @BeforeEach
    void aSettledLedger() {
        String owner = api.clientKey(ADMIN_KEY, newUser("verified-by-command"));
        wallet = api.openWallet(owner, "USD");
        api.deposit(ADMIN_KEY, wallet, "12.34");
        Sealed.upToTheHead(jdbc);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.post("/api/audit/verify", ADMIN_KEY, null).json().get("ok").asBoolean());
    }

    @Test
    void aLedgerThatVerifiesExitsZeroWithTheReportAloneOnStdout() throws Exception {
        Run run = verify(TestDatabase.get().url());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = STRICT_JSON.readTree(run.stdout());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(report.get("mismatches")).isEmpty();
        assertThat(run.stderr()).as("logs go to stderr").contains("HikariPool").doesNotContain("ERROR")
                .doesNotContain("Exception");
    }

    @Test
    void aMismatchExitsOneWithTheReportNamingIt() throws Exception {
        jdbc.update("update wallet_view set balance = balance + 1 where wallet_id = ?", wallet);
        Run run;
        try {
            run = verify(TestDatabase.get().url());
        } finally {
            jdbc.update("update wallet_view set balance = balance - 1 where wallet_id = ?", wallet);
        }

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        JsonNode report = STRICT_JSON.readTree(run.stdout());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("mismatches")).anySatisfy(m -> {
            assertThat(m.get("aggregate").asText()).isEqualTo(wallet);
            assertThat(m.get("field").asText()).isEqualTo("wallet_view.balance");
            assertThat(m.get("expected").asText()).isEqualTo("1234");
            assertThat(m.get("found").asText()).isEqualTo("1235");
        });
    }

    @Test
    void aDatabaseWithoutTheLedgerSchemaIsRefusedAndLeftUntouched() throws Exception {
        // an empty schema of the test database stands for an empty database: the command sees no ledger tables
        String schema = "verify_empty_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("create schema " + schema);
        try {
            String url = TestDatabase.get().url();
            Run run = verify(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
            assertThat(run.stdout()).as("no report").isEmpty();
            List<String> reasons = run.stderr().lines().filter(line -> line.startsWith("ledger verification")).toList();
            assertThat(reasons).singleElement().asString()
                    .isEqualTo("ledger verification cannot run: the database has no ledger schema (no "
                            + "flyway_schema_history table with applied migrations); point LEDGER_DB_URL at the "
                            + "ledger's database");
            assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_schema = ?",
                    Long.class, schema)).as("nothing migrated").isZero();
        } finally {
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }

    private static Run verify(String databaseUrl) throws IOException, InterruptedException {
        assertThat(ServiceProcess.JAR).as("the packaged service").exists();
        TestDatabase.Connection db = TestDatabase.get();
        File stdout = Files.createTempFile("verify", ".out").toFile();
        File stderr = Files.createTempFile("verify", ".err").toFile();
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceProcess.JAR.toString(), "--ledger.verify-and-exit=true", "--server.port=-1")
                .redirectOutput(stdout).redirectError(stderr);
        command.environment().put("LEDGER_DB_URL", databaseUrl);
        command.environment().put("LEDGER_DB_USER", db.username());
        command.environment().put("LEDGER_DB_PASSWORD", db.password());
        Process process = command.start();
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends by itself").isTrue();
            return new Run(process.exitValue(), Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                    Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout.toPath());
            Files.deleteIfExists(stderr.toPath());
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }
}
