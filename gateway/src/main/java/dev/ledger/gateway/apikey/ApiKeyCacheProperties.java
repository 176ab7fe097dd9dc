package dev.ledger.gateway.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.api-keys.cache.*}: how many API keys' callers an instance keeps in memory, and for how long at most
 * (docs/adr/020-api-key-cache.md).
 *
 * @param size   callers kept, least recently used go first; 0 turns the cache off (one query per request)
 * @param maxAge the longest a caller is kept: the latest a key revoked without the service being told (directly in
 *               SQL) is refused
 */
@ConfigurationProperties("ledger.api-keys.cache")
public record ApiKeyCacheProperties(Integer size, Duration maxAge) {

    public ApiKeyCacheProperties {
        size = size == null ? 10_000 : size;
        maxAge = maxAge == null ? Duration.ofSeconds(60) : maxAge;
    }
}
