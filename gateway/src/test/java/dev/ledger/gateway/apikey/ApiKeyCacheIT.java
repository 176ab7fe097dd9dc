package dev.ledger.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import dev.ledger.gateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database of their own, each caching the callers of the API keys it has seen: a key revoked
 * through one is refused by the other within moments and by the revoking one at once, and an instance that cannot
 * hear of revocations looks every key up until it can again.
 */
class ApiKeyCacheIT {

    private static final String ADMIN = IntegrationTest.ADMIN_KEY;
    /** How soon another instance refuses a revoked key: a notification's way, not the cache's max age (60 s). */
    private static final Duration ELSEWHERE_WITHIN = Duration.ofSeconds(2);

    private static TestDatabase.Connection db;
    private static LedgerInstance first;
    private static LedgerInstance second;

    private Api a;
    private Api b;
    private CallerCache cacheOfFirst;
    private CallerCache cacheOfSecond;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh("api_key_cache");
        Map<String, String> settings = Map.of("spring.datasource.url", db.url(),
                "spring.datasource.username", db.username(), "spring.datasource.password", db.password(),
                "ledger.admin-api-key", ADMIN);
        first = LedgerInstance.start(settings);
        second = LedgerInstance.start(settings);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (db != null) {
            setAllowConnections(true);
            onSharedDatabase("drop database if exists " + name(db) + " with (force)");
        }
    }

    @BeforeEach
    void bothListening() {
        a = first.api();
        b = second.api();
        cacheOfFirst = first.bean(CallerCache.class);
        cacheOfSecond = second.bean(CallerCache.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> cacheOfFirst.isTrusted() && cacheOfSecond.isTrusted());
    }

    @Test
    void aKeyRevokedThroughOneInstanceIsRefusedByTheRevokingOneAtOnceAndByTheOtherWithinMoments() {
        Created key = createClientKey(a);
        assertCachedAfterUse(a, cacheOfFirst, key.key());
        assertCachedAfterUse(b, cacheOfSecond, key.key());

        assertThat(a.delete("/api/admin/api-keys/" + key.keyId(), ADMIN).status()).isEqualTo(204);

        assertThat(a.get("/api/wallets", key.key()).status()).as("the revoking instance, the very next request")
                .isEqualTo(401);
        await().atMost(ELSEWHERE_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> b.get("/api/wallets", key.key()).status() == 401);
        assertThat(cacheOfSecond.isTrusted()).as("evicted by the notification, not by losing trust").isTrue();
        assertThat(b.get("/api/wallets", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void anInstanceThatCannotHearOfRevocationsLooksEveryKeyUpUntilItListensAgain() throws SQLException {
        Created before = createClientKey(a);
        assertCachedAfterUse(b, cacheOfSecond, before.key());

        // the listeners' connections are killed, and new connections refused for a while (the pools keep theirs)
        setAllowConnections(false);
        try {
            onSharedDatabase("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name(db)
                    + "' and application_name = '" + RevocationListener.APPLICATION_NAME + "'");
            await().atMost(Duration.ofSeconds(5)).until(() -> !cacheOfFirst.isTrusted() && !cacheOfSecond.isTrusted());

            assertThat(cacheOfSecond.size()).as("forgotten: a revocation may go unheard now").isZero();
            long bypassed = cacheOfSecond.bypasses();
            assertThat(b.get("/api/wallets", before.key()).status()).isEqualTo(200);
            assertThat(b.get("/api/wallets", before.key()).status()).isEqualTo(200);
            assertThat(cacheOfSecond.bypasses()).as("both looked up in the database").isEqualTo(bypassed + 2);
            assertThat(cacheOfSecond.size()).isZero();

            // a revocation nobody can hear of still takes effect on the next request, everywhere
            assertThat(a.delete("/api/admin/api-keys/" + before.keyId(), ADMIN).status()).isEqualTo(204);
            assertThat(b.get("/api/wallets", before.key()).status()).isEqualTo(401);
            assertThat(a.get("/api/wallets", before.key()).status()).isEqualTo(401);
        } finally {
            setAllowConnections(true);
        }

        // listening again (the backoff is at most 5 s): cached again, and revocations heard again
        await().atMost(Duration.ofSeconds(15)).until(() -> cacheOfFirst.isTrusted() && cacheOfSecond.isTrusted());
        Created after = createClientKey(a);
        assertCachedAfterUse(b, cacheOfSecond, after.key());
        assertThat(a.delete("/api/admin/api-keys/" + after.keyId(), ADMIN).status()).isEqualTo(204);
        await().atMost(ELSEWHERE_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> b.get("/api/wallets", after.key()).status() == 401);
    }

    private record Created(String keyId, String key) {
    }

    private static Created createClientKey(Api api) {
        Response created = api.post("/api/admin/api-keys", ADMIN, null,
                "{\"role\":\"client\",\"userId\":\"cache-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Created(created.text("keyId"), created.text("key"));
    }

    /** Uses the key twice on the instance and checks that the second request was answered from its cache. */
    private static void assertCachedAfterUse(Api api, CallerCache cache, String key) {
        assertThat(api.get("/api/wallets", key).status()).isEqualTo(200);
        long hits = cache.hits();
        assertThat(api.get("/api/wallets", key).status()).isEqualTo(200);
        assertThat(cache.hits()).as("the second request's key came from memory").isEqualTo(hits + 1);
    }

    private static void setAllowConnections(boolean allowed) throws SQLException {
        onSharedDatabase("alter database " + name(db) + " allow_connections " + allowed);
    }

    /** Runs SQL on the integration tests' shared database: this test's own may refuse connections. */
    private static void onSharedDatabase(String sql) throws SQLException {
        TestDatabase.Connection shared = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(shared.url(), shared.username(), shared.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String name(TestDatabase.Connection connection) {
        return connection.url().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    }
}
