package dev.ledger.gateway.apikey;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The API key cache and how revocations reach it (docs/adr/020-api-key-cache.md). On PostgreSQL, which several
 * instances may share, a revocation is announced with {@code pg_notify} and every instance listens; the cache is
 * trusted only while it does. The embedded H2 database serves one instance (ADR 005): evicting its own cache is enough,
 * and the cache is trusted from the start. Any other database gets no cache at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyCacheProperties.class)
class ApiKeyCacheConfiguration {

    private static final String URL_PROPERTY = "spring.datasource.url";

    @Bean
    CallerCache apiKeyCallerCache(ApiKeyCacheProperties properties, @Value("${" + URL_PROPERTY + "}") String url,
                                  MeterRegistry meters) {
        CallerCache cache = new CallerCache(properties.size(), properties.maxAge(), System::nanoTime,
                url.startsWith("jdbc:h2:"));
        lookups(meters, cache, "hit", CallerCache::hits);
        lookups(meters, cache, "miss", CallerCache::misses);
        lookups(meters, cache, "bypass", CallerCache::bypasses);
        Gauge.builder("ledger.api_key.cache.size", cache, CallerCache::size)
                .description("API keys whose callers this instance holds in memory").register(meters);
        Gauge.builder("ledger.api_key.cache.trusted", cache, c -> c.isTrusted() ? 1 : 0)
                .description("0 while this instance is not listening for revocations (on PostgreSQL) and so looks "
                        + "every API key up, 1 otherwise").register(meters);
        return cache;
    }

    private static void lookups(MeterRegistry meters, CallerCache cache, String result,
                                ToDoubleFunction<CallerCache> count) {
        FunctionCounter.builder("ledger.api_key.cache.lookups", cache, count).tag("result", result)
                .description("API key lookups: hit (from memory), miss (queried, then kept), bypass (queried: the "
                        + "cache is off or not trusted)").register(meters);
    }

    @Bean
    RevocationBroadcast revocationBroadcast(@Value("${" + URL_PROPERTY + "}") String url, JdbcTemplate jdbc) {
        if (!OnPostgreSql.isPostgreSql(url)) {
            return RevocationBroadcast.NOBODY_ELSE;
        }
        return keyId -> jdbc.queryForList("select pg_notify(?, ?)", RevocationListener.CHANNEL, keyId);
    }

    @Bean
    @Conditional(OnPostgreSql.class)
    RevocationListener revocationListener(DataSource dataSource, CallerCache cache) {
        HikariDataSource pool;
        try {
            pool = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the API key listener takes its connection settings from Hikari's pool", e);
        }
        String url = pool.getJdbcUrl();
        // the pool's own driver settings (timeouts, keepalive), so the listener gives up on an unreachable database
        // as soon as the pool does
        Properties settings = new Properties();
        settings.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            settings.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            settings.setProperty("password", pool.getPassword());
        }
        settings.setProperty("ApplicationName", RevocationListener.APPLICATION_NAME);
        // the driver itself rather than DriverManager, which may not see a driver loaded by the packaged jar's loader
        Driver driver = new Driver();
        return new RevocationListener(() -> {
            Connection connection = driver.connect(url, settings);
            if (connection == null) {
                throw new SQLException("not a PostgreSQL URL: " + url);
            }
            return connection;
        }, cache);
    }

    /** When the service runs on PostgreSQL. */
    static final class OnPostgreSql implements Condition {

        static boolean isPostgreSql(String url) {
            return url != null && url.startsWith("jdbc:postgresql:");
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isPostgreSql(context.getEnvironment().getProperty(URL_PROPERTY));
        }
    }
}
