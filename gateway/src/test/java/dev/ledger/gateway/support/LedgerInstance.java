package dev.ledger.gateway.support;

import dev.ledger.gateway.LedgerApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole ledger service started and stopped by a test, for what a shared test context cannot show:
 * restarts, and the embedded default database.
 */
public final class LedgerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private LedgerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static LedgerInstance start(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new LedgerInstance(new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new)));
    }

    /** On the integration tests' PostgreSQL. */
    public static LedgerInstance onTestDatabase(String adminKey) {
        return onTestDatabase(adminKey, Map.of());
    }

    /** On the integration tests' PostgreSQL, with settings of its own on top. */
    public static LedgerInstance onTestDatabase(String adminKey, Map<String, String> properties) {
        TestDatabase.Connection db = TestDatabase.get();
        Map<String, String> all = new LinkedHashMap<>(Map.of("spring.datasource.url", db.url(),
                "spring.datasource.username", db.username(), "spring.datasource.password", db.password(),
                "ledger.admin-api-key", adminKey));
        all.putAll(properties);
        return start(all);
    }

    public Api api() {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The management port: health with details, and metrics. */
    public Api management() {
        return new Api(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port")));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
