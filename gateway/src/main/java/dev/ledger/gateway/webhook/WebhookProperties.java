package dev.ledger.gateway.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.webhooks.*}: who may be called, how hard, and for how long a delivery is retried.
 *
 * @param allowPrivate  whether URLs resolving to loopback, private or link-local addresses may be registered and
 *                      called; off in production, so an admin key cannot turn the service into a probe of its own
 *                      network
 * @param allowedNetworks comma-separated CIDR networks that may be called although private (e.g. {@code 10.20.0.0/16})
 * @param secretKey     base64 of the 256-bit AES key that encrypts the signing secrets at rest; see {@link SecretCipher}
 * @param retention     how long SUCCEEDED and FAILED deliveries stay in the delivery log
 * @param retry         the backoff schedule of a failed delivery
 * @param dispatch      the sender: threads, per-endpoint concurrency, timeouts, polling
 */
@ConfigurationProperties("ledger.webhooks")
public record WebhookProperties(boolean allowPrivate, String allowedNetworks, String secretKey, Duration retention,
                                Retry retry, Dispatch dispatch) {

    public WebhookProperties {
        retention = retention == null ? Duration.ofDays(30) : retention;
        retry = retry == null ? new Retry(null, null, null) : retry;
        dispatch = dispatch == null ? new Dispatch(0, 0, 0, null, null, null, null, 0) : dispatch;
    }

    /**
     * @param initialDelay the first retry comes after about this long (with jitter: 0.5 to 1.5 times it)
     * @param maxDelay     the delay doubles with each attempt up to this
     * @param giveUpAfter  a delivery still failing this long after it was queued is FAILED
     */
    public record Retry(Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {
        public Retry {
            initialDelay = initialDelay == null ? Duration.ofSeconds(15) : initialDelay;
            maxDelay = maxDelay == null ? Duration.ofHours(1) : maxDelay;
            giveUpAfter = giveUpAfter == null ? Duration.ofHours(25) : giveUpAfter;
        }
    }

    /**
     * @param threads            workers per instance for the short blocking steps (the endpoint's row, DNS, recording
     *                           an outcome); waiting for a receiver takes none
     * @param maxInFlight        deliveries being sent at once by one instance, all endpoints together
     * @param perEndpoint        deliveries in flight to one endpoint from one instance
     * @param connectTimeout     to open a connection to the receiver
     * @param responseTimeout    for the receiver's answer; a 2xx later than this is a failure
     * @param pollInterval       how often due deliveries are looked for when there was nothing to do
     * @param lease              how long a claimed delivery is left to its sender before another may take it up;
     *                           longer than connect + response timeouts, so it never lapses while being sent
     * @param batchSize          deliveries claimed at once
     */
    public record Dispatch(int threads, int maxInFlight, int perEndpoint, Duration connectTimeout,
                           Duration responseTimeout, Duration pollInterval, Duration lease, int batchSize) {
        public Dispatch {
            threads = threads <= 0 ? 4 : threads;
            maxInFlight = maxInFlight <= 0 ? 256 : maxInFlight;
            perEndpoint = perEndpoint <= 0 ? 4 : perEndpoint;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            lease = lease == null ? Duration.ofMinutes(1) : lease;
            batchSize = batchSize <= 0 ? 50 : batchSize;
        }
    }
}
