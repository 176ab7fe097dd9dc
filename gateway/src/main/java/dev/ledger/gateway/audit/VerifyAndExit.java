package dev.ledger.gateway.audit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ledger.events.audit.VerificationReport;
import dev.ledger.gateway.eventstore.EventStoreConfiguration;
import dev.ledger.query.verification.LedgerVerification;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Verification from the command line: {@code java -jar ledger.jar --ledger.verify-and-exit=true} (with the usual
 * LEDGER_DB_URL, LEDGER_DB_USER, LEDGER_DB_PASSWORD) writes the report as JSON to stdout, and nothing else — logs go
 * to stderr — and exits 0 when the ledger verifies, 1 when it does not, 2 when it cannot run (no database, no ledger
 * schema or an older one), with the reason as one line on stderr.
 *
 * <p>It starts only what verification reads with — a connection pool, the event serializer and
 * {@link LedgerVerification} — not the service: no event processor claims a segment, no deadline fires, no key is
 * created, nothing is sealed, and the schema is checked, never migrated. A verification must not change the ledger it
 * judges, nor make a database that is not the ledger's look like an empty, valid one.
 */
public final class VerifyAndExit {

    public static final String PROPERTY = "ledger.verify-and-exit";

    static final int OK = 0;
    static final int MISMATCHES = 1;
    static final int CANNOT_RUN = 2;

    private VerifyAndExit() {
    }

    /** Whether the command line (or a system property, or LEDGER_VERIFY_AND_EXIT) asks for a verification. */
    public static boolean requested(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment.getProperty(PROPERTY, Boolean.class, false);
    }

    /** Verifies the ledger the configuration points at and answers the process's exit status. */
    public static int run(String[] args) {
        PrintStream stdout = System.out;
        // everything that prints to stdout (logback's console appender among it) prints to stderr from here on
        System.setOut(System.err);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        // the reason is reported once, as one line, below; not as a start-up failure's stack trace
                        "logging.level.org.springframework.boot.SpringApplication", "off",
                        "logging.level.org.springframework.boot.diagnostics", "off",
                        "logging.level.org.springframework.boot.autoconfigure.logging", "off",
                        "logging.level.org.springframework.context.annotation", "error",
                        "logging.level.com.zaxxer.hikari.pool.HikariPool", "off"))
                .run(args)) {
            requireCurrentSchema(context.getBean(Flyway.class));
            VerificationReport report = context.getBean(LedgerVerification.class).verify();
            stdout.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report));
            stdout.flush();
            return report.ok() ? OK : MISMATCHES;
        } catch (Exception failure) {
            System.err.println("ledger verification cannot run: " + reason(failure));
            return CANNOT_RUN;
        } finally {
            System.setOut(stdout);
        }
    }

    /** The ledger's schema, complete for this build: without it there is nothing (or not all) to verify. */
    private static void requireCurrentSchema(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        if (current == null) {
            throw new CannotRun("the database has no ledger schema (no " + flyway.getConfiguration().getTable()
                    + " table with applied migrations); point LEDGER_DB_URL at the ledger's database");
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            throw new CannotRun("the ledger schema is at version " + current.getVersion() + ", this build expects "
                    + pending[pending.length - 1].getVersion() + "; start the service once to migrate it");
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof CannotRun) {
            return failure.getMessage();
        }
        // the database's own words when there are some (PostgreSQL's say which host, port or database), else the root
        Throwable cause = failure;
        Throwable database = null;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof SQLException) {
                database = cause;
            }
        }
        cause = database != null ? database : cause;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return String.join(" ", Arrays.stream(message.split("\\R")).map(String::strip).toList());
    }

    private static final class CannotRun extends RuntimeException {
        CannotRun(String message) {
            super(message);
        }
    }

    /**
     * The verification's whole application context. Not a {@code @Configuration}, so the service's component scan
     * never picks it up.
     */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class Context {

        /** The schema is checked by {@link #requireCurrentSchema}, never migrated. */
        @Bean
        FlywayMigrationStrategy checkOnly() {
            return flyway -> {
            };
        }

        @Bean
        Serializer eventSerializer() {
            return JacksonSerializer.builder().objectMapper(EventStoreConfiguration.axonObjectMapper()).build();
        }

        @Bean
        LedgerVerification ledgerVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                              Serializer eventSerializer) {
            return new LedgerVerification(jdbc, transactions, eventSerializer);
        }
    }
}
