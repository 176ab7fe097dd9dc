package dev.ledger.gateway.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhooks (API.md §10, docs/adr/015-webhooks.md): the queue, its processor, the dispatcher, the secrets' key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    static final String KEY_FILE = "webhook-secret.key";

    @Bean
    SecretCipher webhookSecretCipher(WebhookProperties properties, @Value("${ledger.data-dir}") Path dataDir,
                                     @Value("${spring.datasource.url}") String databaseUrl) {
        return new SecretCipher(secretKey(properties.secretKey(), dataDir, !databaseUrl.startsWith("jdbc:h2:")));
    }

    /**
     * The key from {@code LEDGER_WEBHOOKS_SECRET_KEY}; without it, one generated at first start and kept in the data
     * directory, readable by its owner only — never in the database, whose copies travel further than its files.
     * On a shared database a warning says so at every start: instances on other hosts would each make their own key
     * and could not read each other's secrets. The embedded database lives in that same directory, one instance.
     */
    static byte[] secretKey(String configured, Path dataDir, boolean sharedDatabase) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("LEDGER_WEBHOOKS_SECRET_KEY must be base64 (openssl rand -base64 32)");
            }
            if (key.length != 32) {
                throw new IllegalStateException("LEDGER_WEBHOOKS_SECRET_KEY must be 32 bytes, base64-encoded "
                        + "(openssl rand -base64 32)");
            }
            return key;
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))), Base64.getEncoder().encodeToString(key),
                            StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
                    // read below
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                }
            }
            String message = "LEDGER_WEBHOOKS_SECRET_KEY is not set: webhook secrets are encrypted with the key in {}. "
                    + "Set it in production (openssl rand -base64 32), the same on every instance, and keep it apart "
                    + "from the database's backups.";
            if (sharedDatabase) {
                log.warn(message, file.toAbsolutePath());
            } else {
                log.info(message, file.toAbsolutePath());
            }
            return secretKey(Files.readString(file, StandardCharsets.US_ASCII), dataDir, sharedDatabase);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the webhook secret key in " + file
                    + "; set LEDGER_WEBHOOKS_SECRET_KEY", e);
        }
    }

    @Bean
    EndpointAddresses webhookEndpointAddresses(WebhookProperties properties) {
        return new EndpointAddresses(properties.allowPrivate(), AllowedNetwork.parseAll(properties.allowedNetworks()));
    }

    @Bean
    WebhookEndpoints webhookEndpoints(JdbcTemplate jdbc, SecretCipher cipher, Clock clock) {
        return new WebhookEndpoints(jdbc, cipher, clock);
    }

    @Bean
    WebhookDeliveries webhookDeliveries(JdbcTemplate jdbc) {
        return new WebhookDeliveries(jdbc);
    }

    @Bean
    WebhookQueue webhookQueue(JdbcTemplate jdbc, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                              ObjectMapper json, Clock clock) {
        return new WebhookQueue(new ResourceFold(new ResourceStates(jdbc)), endpoints, deliveries, json, clock);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookDeliveries deliveries, WebhookEndpoints endpoints,
                                        EndpointAddresses addresses, WebhookProperties properties,
                                        PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        SecureRandom random = new SecureRandom();
        return new WebhookDispatcher(deliveries, endpoints, addresses,
                new Backoff(properties.retry(), random::nextDouble), properties.dispatch(),
                new TransactionTemplate(transactions), clock, meters);
    }

    @Bean
    WebhookLogPurge webhookLogPurge(WebhookDeliveries deliveries, WebhookProperties properties, Clock clock) {
        return new WebhookLogPurge(deliveries, properties.retention(), clock);
    }

    @Bean
    WebhookQueueGauges webhookQueueGauges(WebhookDeliveries deliveries, Clock clock) {
        return new WebhookQueueGauges(deliveries, clock);
    }
}
