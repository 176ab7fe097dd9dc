package dev.ledger.query.support;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The PostgreSQL the query side's integration tests run against, found as the gateway's are: {@code
 * LEDGER_TEST_JDBC_URL} (user {@code LEDGER_TEST_DB_USER}, default postgres; password {@code LEDGER_TEST_DB_PASSWORD})
 * when set, otherwise one started with Testcontainers. With neither, the tests fail saying how to provide one.
 */
public final class TestPostgres {

    private static final String URL_VARIABLE = "LEDGER_TEST_JDBC_URL";

    private static Connection connection;

    private TestPostgres() {
    }

    private record Connection(String url, String username, String password) {
    }

    /** One connection, kept open: a test may set session state (a search path) and find it again. */
    public static SingleConnectionDataSource dataSource() {
        Connection db = get();
        return new SingleConnectionDataSource(db.url(), db.username(), db.password(), true);
    }

    private static synchronized Connection get() {
        if (connection == null) {
            connection = resolve();
        }
        return connection;
    }

    private static Connection resolve() {
        String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
        if (url != null && !url.isBlank()) {
            return new Connection(url, System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""));
        }
        try {
            return Containers.start();
        } catch (Throwable noDocker) {
            throw new IllegalStateException("These tests need PostgreSQL: set " + URL_VARIABLE + " to a JDBC URL "
                    + "(for example jdbc:postgresql://127.0.0.1:5432/ledger_test), or run them where Docker is "
                    + "available so Testcontainers can start one. `bash .ci/run` does the former.", noDocker);
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
