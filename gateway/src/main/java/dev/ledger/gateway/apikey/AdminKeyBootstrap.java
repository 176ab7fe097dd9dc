package dev.ledger.gateway.apikey;

import dev.ledger.events.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first admin key: {@code LEDGER_ADMIN_API_KEY} when set; otherwise, on a database without any admin
 * key, a generated one printed once to the log.
 */
@Component
public class AdminKeyBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeys apiKeys;
    private final String configuredKey;

    public AdminKeyBootstrap(ApiKeys apiKeys, @Value("${ledger.admin-api-key:}") String configuredKey) {
        this.apiKeys = apiKeys;
        this.configuredKey = configuredKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!configuredKey.isBlank()) {
            if (!apiKeys.exists(configuredKey)) {
                apiKeys.store(configuredKey, Role.ADMIN, null, null);
                log.info("admin API key from LEDGER_ADMIN_API_KEY registered");
            }
        } else if (!apiKeys.anyActiveAdmin()) {
            ApiKeys.IssuedKey issued = apiKeys.issue(Role.ADMIN, null, null);
            log.warn("No admin API key existed, so one was generated. It is shown only this once:\n\n"
                    + "    LEDGER admin API key: {}\n", issued.key());
        }
    }
}
