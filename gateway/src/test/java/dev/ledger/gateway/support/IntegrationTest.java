package dev.ledger.gateway.support;

import dev.ledger.gateway.LedgerApplication;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port, on real PostgreSQL, driven through HTTP.
 * All subclasses share one application context; tests isolate themselves by using their own users and wallets.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String ADMIN_KEY = "lk_integration-test-admin-key";

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    protected Api api;

    /** The management port: health with details, and metrics. */
    protected Api management;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("ledger.admin-api-key", () -> ADMIN_KEY);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        management = new Api(managementPort);
    }

    /** A user id no other test uses. */
    protected static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
