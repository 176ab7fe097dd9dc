package dev.ledger.gateway.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the integration tests run against: {@code LEDGER_TEST_JDBC_URL} (environment variable or
 * system property) when set, otherwise one started with Testcontainers. With neither, tests fail saying how
 * to provide one.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "LEDGER_TEST_JDBC_URL";

    private static Connection connection;

    private TestDatabase() {
    }

    public record Connection(String url, String username, String password) {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = resolve();
        }
        return connection;
    }

    /**
     * A database of its own on the integration tests' PostgreSQL server, created empty (dropped first if an earlier
     * run left it), for a test whose data must not meet the other tests' (an event no read model can ever hold).
     */
    public static Connection fresh(String suffix) {
        Connection shared = get();
        String name = shared.url().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1") + "_" + suffix;
        try (java.sql.Connection admin =
                     DriverManager.getConnection(shared.url(), shared.username(), shared.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return new Connection(shared.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), shared.username(),
                shared.password());
    }

    private static Connection resolve() {
        String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
        if (url != null && !url.isBlank()) {
            return new Connection(url, System.getProperty("LEDGER_TEST_DB_USER",
                    System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres")),
                    System.getProperty("LEDGER_TEST_DB_PASSWORD",
                            System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", "")));
        }
        try {
            return Containers.start();
        } catch (Throwable noDocker) {
            throw new IllegalStateException("""
                    The integration tests need PostgreSQL. Either set %s to a JDBC URL of an empty database \
                    (for example jdbc:postgresql://127.0.0.1:5432/ledger_test, user from LEDGER_TEST_DB_USER, \
                    default postgres), or run them where Docker is available so Testcontainers can start one. \
                    `bash .ci/run` does the former for you.""".formatted(URL_VARIABLE), noDocker);
        }
    }

    /** Kept in its own class so that Testcontainers is only loaded when it is actually needed. */
    private static final class Containers {
        @SuppressWarnings("resource")
        static Connection start() {
            var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
    }
}
