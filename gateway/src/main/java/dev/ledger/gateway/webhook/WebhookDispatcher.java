package dev.ledger.gateway.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued deliveries. One poller thread claims due deliveries — {@code FOR UPDATE SKIP LOCKED}, then a
 * lease — so several instances share the queue and never send one delivery at the same time. Requests go out
 * asynchronously: waiting for a receiver holds no thread, only one of the {@code max-in-flight} slots and one of
 * the {@code per-endpoint} slots of its endpoint, so a slow or dead endpoint delays its own deliveries and nobody
 * else's. A few worker threads do the short blocking parts (the endpoint's row and secrets, DNS, recording the
 * outcome). A 2xx is SUCCEEDED; anything else (a status, a refused connection, a timeout) is retried on the
 * {@link Backoff} schedule until it is FAILED.
 *
 * <p>An instance that dies while sending leaves its deliveries leased; the lease runs out and another instance (or
 * this one, restarted) sends them again: at least once, never lost.
 */
final class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final EndpointAddresses addresses;
    private final Backoff backoff;
    private final WebhookProperties.Dispatch settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final HttpClient http;
    private final Counter succeeded;
    private final Counter retrying;
    private final Counter failed;

    private final Set<Long> sending = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean pollFailing;
    private Thread poller;
    private ExecutorService workers;

    WebhookDispatcher(WebhookDeliveries deliveries, WebhookEndpoints endpoints, EndpointAddresses addresses,
                      Backoff backoff, WebhookProperties.Dispatch settings, TransactionTemplate transactions,
                      Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.backoff = backoff;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        // redirects are not followed: the address a redirect points to was never checked. HTTP/1.1: on a plain http
        // URL the client would otherwise offer an h2c upgrade, which simple receivers (and some proxies) mishandle
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.succeeded = outcome(meters, "succeeded", "Delivery attempts answered with a 2xx");
        this.retrying = outcome(meters, "retrying", "Delivery attempts that failed and will be tried again");
        this.failed = outcome(meters, "failed", "Delivery attempts that failed for the last time (FAILED)");
    }

    private static Counter outcome(MeterRegistry meters, String outcome, String description) {
        return Counter.builder("ledger.webhook.deliveries").tag("outcome", outcome).description(description)
                .register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.threads(), task -> {
            Thread thread = new Thread(task, "webhook-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        poller = new Thread(this::pollUntilStopped, "webhook-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp.release();
        try {
            poller.join(settings.responseTimeout().toMillis());
            // what is being sent is let finish, so it is recorded rather than sent again after the lease
            awaitIdle(settings.connectTimeout().plus(settings.responseTimeout()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void pollUntilStopped() {
        while (running) {
            boolean more = false;
            try {
                more = claimAndSend();
                if (pollFailing) {
                    log.info("Webhook deliveries are being claimed again");
                    pollFailing = false;
                }
            } catch (RuntimeException e) {
                // the database may be briefly unreachable: say so once, keep polling, and recover by itself
                if (!pollFailing) {
                    log.warn("Could not claim webhook deliveries, retrying: {}", e.getMessage());
                    pollFailing = true;
                }
            }
            if (!more) {
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims what this instance has room for and starts sending it; true when there may be more due. */
    private boolean claimAndSend() {
        int free = settings.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return false;
        }
        Instant now = clock.instant();
        List<WebhookDeliveries.Claimed> due = new ArrayList<>();
        boolean full = Boolean.TRUE.equals(transactions.execute(tx -> {
            List<WebhookDeliveries.Claimed> candidates = deliveries.dueForUpdate(now, settings.batchSize());
            Map<String, Integer> taking = new HashMap<>();
            for (WebhookDeliveries.Claimed candidate : candidates) {
                if (due.size() == free) {
                    break;
                }
                AtomicInteger toEndpoint = inFlightByEndpoint.get(candidate.webhookId());
                int busy = (toEndpoint == null ? 0 : toEndpoint.get()) + taking.getOrDefault(candidate.webhookId(), 0);
                if (busy >= settings.perEndpoint()) {
                    // left unclaimed: another instance takes it, or this one once the endpoint has answered
                    continue;
                }
                taking.merge(candidate.webhookId(), 1, Integer::sum);
                deliveries.lease(candidate.seq(), now.plus(settings.lease()));
                due.add(candidate);
            }
            return candidates.size() == settings.batchSize() && due.size() == free;
        }));
        // only now, the leases committed: until then another instance could have taken the same rows
        for (WebhookDeliveries.Claimed delivery : due) {
            sending.add(delivery.seq());
            inFlight.incrementAndGet();
            inFlightByEndpoint.computeIfAbsent(delivery.webhookId(), id -> new AtomicInteger()).incrementAndGet();
            work(delivery, () -> send(delivery));
        }
        return full;
    }

    /** The request of one attempt, sent without waiting; its outcome is recorded by a worker when it comes. */
    private void send(WebhookDeliveries.Claimed delivery) {
        int attempts = delivery.attempts() + 1;
        Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(delivery.webhookId());
        if (endpoint.isEmpty()) {
            release(delivery); // deleted since it was claimed; its deliveries went with it
            return;
        }
        URI url;
        HttpRequest request;
        try {
            url = URI.create(endpoint.get().url());
            Optional<String> refused = addresses.addressRefusal(url.getHost());
            if (refused.isPresent()) {
                failedAttempt(delivery, attempts, null, "not sent: " + refused.get());
                release(delivery);
                return;
            }
            long timestamp = clock.instant().getEpochSecond();
            request = HttpRequest.newBuilder(url)
                    .timeout(settings.responseTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Ledger-Webhooks/1")
                    .header("Ledger-Webhook-Id", delivery.eventId())
                    .header("Ledger-Webhook-Timestamp", Long.toString(timestamp))
                    .header("Ledger-Webhook-Signature", WebhookSignature.header(
                            endpoints.signingSecrets(delivery.webhookId()), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // a secret that does not decrypt, a URL the client cannot use: the receiver is not at fault, but the
            // delivery cannot be made as things are; it is retried like any failure, and says why
            failedAttempt(delivery, attempts, null, e.getMessage());
            release(delivery);
            return;
        }
        // the receiver's body is of no interest: discarded as it arrives, without a thread waiting for it
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) ->
                work(delivery, () -> {
                    try {
                        if (failure != null) {
                            failedAttempt(delivery, attempts, null, describe(failure));
                        } else if (response.statusCode() / 100 == 2) {
                            deliveries.succeeded(delivery.seq(), attempts, response.statusCode(), clock.instant());
                            succeeded.increment();
                        } else {
                            failedAttempt(delivery, attempts, response.statusCode(), "HTTP " + response.statusCode());
                        }
                    } finally {
                        release(delivery);
                    }
                }));
    }

    /**
     * Runs a short blocking step of a delivery on a worker. If it cannot run or fails (stopping; the database
     * unreachable), the delivery is let go: its lease runs out and it is sent again.
     */
    private void work(WebhookDeliveries.Claimed delivery, Runnable step) {
        try {
            workers.execute(() -> {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery {}: {}; it is sent again when its lease runs out",
                            delivery.deliveryId(), e.getMessage());
                    release(delivery);
                }
            });
        } catch (RejectedExecutionException stopping) {
            release(delivery);
        }
    }

    private void failedAttempt(WebhookDeliveries.Claimed delivery, int attempts, Integer statusCode, String error) {
        Instant now = clock.instant();
        Optional<Instant> next = backoff.nextAttempt(attempts, delivery.createdAt(), now);
        if (next.isPresent()) {
            deliveries.retryAt(delivery.seq(), attempts, statusCode, error, next.get());
            retrying.increment();
        } else {
            deliveries.failed(delivery.seq(), attempts, statusCode, error);
            failed.increment();
        }
    }

    /** Frees the delivery's slots, once however often called; the next delivery of its aggregate may be due now. */
    private void release(WebhookDeliveries.Claimed delivery) {
        if (!sending.remove(delivery.seq())) {
            return;
        }
        inFlightByEndpoint.get(delivery.webhookId()).decrementAndGet();
        if (inFlight.decrementAndGet() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
        wakeUp.release();
    }

    private void awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (inFlight) {
            while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
                inFlight.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String kind = cause instanceof HttpTimeoutException ? "timed out"
                : cause instanceof ConnectException ? "connection refused" : "I/O error";
        return cause.getMessage() == null ? kind : kind + ": " + cause.getMessage();
    }
}
