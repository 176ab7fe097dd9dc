package dev.ledger.gateway.stream;

import dev.ledger.events.audit.ListEventFeedQuery;
import dev.ledger.events.audit.StoredEvent;
import dev.ledger.events.audit.StoredEventPage;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FindEscrowQuery;
import dev.ledger.events.wallet.FindWalletQuery;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.escrow.EscrowResponse;
import dev.ledger.gateway.wallet.WalletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Feeds the connections of {@code GET /api/stream}: one poller thread tails the global event feed (the event store's
 * global index, read through the same gap-aware query as {@code GET /api/audit/events}) every
 * {@code ledger.stream.poll-interval}, and for each wallet or escrow event sends the aggregate's read-model view to the
 * connections whose caller may see it. Because it reads only the database, it works the same on every instance and
 * after a restart: a client that reconnects with {@code Last-Event-ID} resumes after that position.
 *
 * <p>Limits, on purpose:
 * <ul>
 *   <li>The view sent is the read model's <em>current</em> state once it has applied at least that event (version
 *       {@code sequence + 1}); it may already include later changes, which are then sent again with their own ids.
 *       Connections positioned at the same place share one feed read and one view read per event.</li>
 *   <li>When the read model has not reached the event within {@code ledger.stream.read-model-wait} (a replay, a
 *       stopped processor, a view that no longer exists) the event is skipped, so one stuck projection cannot stall
 *       the stream; such a skip is logged.</li>
 *   <li>Events are delivered in feed order, so a connection waits while an earlier event's view catches up, and the
 *       feed stops at a position that may still be committing (at most the feed's gap timeout).</li>
 *   <li>All sends happen on the single poller thread: a client that stops reading can hold it up until the
 *       container's write timeout fails that connection, which is then dropped.</li>
 *   <li>Visibility is decided by the caller's key at connection time, not re-checked if the key is revoked later;
 *       a connection ends after {@code ledger.stream.timeout} and the client reconnects with its last id.</li>
 * </ul>
 */
@Component
public class LiveStream implements SmartLifecycle {

    static final String WALLET = "Wallet";
    static final String ESCROW = "Escrow";

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final int BATCH = 200;

    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final Duration pollInterval;
    private final Duration heartbeatInterval;
    private final Duration readModelWait;
    private final Duration timeout;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** When each event still waiting for its read model was first seen (poller thread only). */
    private final Map<Long, Long> waitingSince = new HashMap<>();
    private ScheduledExecutorService poller;
    private long lastHeartbeat = System.nanoTime();

    public LiveStream(QueryGateway queries, JdbcTemplate jdbc,
                      @Value("${ledger.stream.poll-interval:PT0.2S}") Duration pollInterval,
                      @Value("${ledger.stream.heartbeat-interval:PT15S}") Duration heartbeatInterval,
                      @Value("${ledger.stream.read-model-wait:PT5S}") Duration readModelWait,
                      @Value("${ledger.stream.timeout:PT30M}") Duration timeout) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.pollInterval = pollInterval;
        this.heartbeatInterval = heartbeatInterval;
        this.readModelWait = readModelWait;
        this.timeout = timeout;
    }

    /** A connection receiving the changes the caller may see after {@code afterPosition}; null: from now on. */
    public SseEmitter subscribe(Caller caller, Long afterPosition) {
        long start = afterPosition != null ? afterPosition : head();
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscription subscription = new Subscription(caller, emitter, start);
        emitter.onCompletion(() -> subscriptions.remove(subscription));
        emitter.onTimeout(() -> {
            subscriptions.remove(subscription);
            emitter.complete();
        });
        emitter.onError(error -> subscriptions.remove(subscription));
        try {
            // written as soon as the response starts, so the client has the headers before the first change
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        subscriptions.add(subscription);
        return emitter;
    }

    int connections() {
        return subscriptions.size();
    }

    private long head() {
        Long max = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return max == null ? 0 : max;
    }

    void poll() {
        try {
            if (subscriptions.isEmpty()) {
                waitingSince.clear();
                return;
            }
            heartbeat();
            Map<Long, List<Subscription>> byPosition = new LinkedHashMap<>();
            for (Subscription subscription : subscriptions) {
                byPosition.computeIfAbsent(subscription.position, position -> new ArrayList<>()).add(subscription);
            }
            byPosition.forEach(this::deliver);
        } catch (RuntimeException e) {
            // the next poll tries again; a failure must not end the schedule
            log.warn("live stream poll failed", e);
        }
    }

    private void heartbeat() {
        long now = System.nanoTime();
        if (now - lastHeartbeat < heartbeatInterval.toNanos()) {
            return;
        }
        lastHeartbeat = now;
        for (Subscription subscription : subscriptions) {
            send(subscription, SseEmitter.event().comment("heartbeat"));
        }
    }

    private void deliver(long after, List<Subscription> group) {
        StoredEventPage page = queries.query(new ListEventFeedQuery(after, BATCH), StoredEventPage.class).join();
        Map<String, Change> views = new HashMap<>();
        for (StoredEvent event : page.items()) {
            if (WALLET.equals(event.aggregateType()) || ESCROW.equals(event.aggregateType())) {
                Change change = changeFor(event, views);
                if (change == Change.WAIT) {
                    return; // its read model is behind: retry from this event on the next poll
                }
                if (change != Change.SKIP) {
                    group.stream().filter(s -> change.visibleTo(s.caller))
                            .forEach(s -> send(s, SseEmitter.event().id(Long.toString(event.position()))
                                    .name(change.name()).data(change.data(), MediaType.APPLICATION_JSON)));
                }
            }
            group.forEach(subscription -> subscription.position = event.position());
        }
    }

    /** The view to send; {@link Change#SKIP} to go past the event; {@link Change#WAIT} while its view may catch up. */
    private Change changeFor(StoredEvent event, Map<String, Change> views) {
        String key = event.aggregateType() + ":" + event.aggregateId();
        long needed = event.sequence() + 1;
        Change change = views.get(key);
        if (change == null || change.version() < needed) {
            change = read(event).orElse(null);
            if (change != null) {
                views.put(key, change);
            }
        }
        if (change != null && change.version() >= needed) {
            waitingSince.remove(event.position());
            return change;
        }
        long firstSeen = waitingSince.computeIfAbsent(event.position(), position -> System.nanoTime());
        if (System.nanoTime() - firstSeen < readModelWait.toNanos()) {
            return Change.WAIT;
        }
        waitingSince.remove(event.position());
        log.warn("live stream skips event {} of {} {}: its read model did not reach version {} within {}",
                event.position(), event.aggregateType(), event.aggregateId(), needed, readModelWait);
        return Change.SKIP;
    }

    private Optional<Change> read(StoredEvent event) {
        if (WALLET.equals(event.aggregateType())) {
            return queries.query(new FindWalletQuery(event.aggregateId()),
                    ResponseTypes.optionalInstanceOf(WalletView.class)).join().map(Change::of);
        }
        return queries.query(new FindEscrowQuery(event.aggregateId()),
                ResponseTypes.optionalInstanceOf(EscrowView.class)).join().map(Change::of);
    }

    private void send(Subscription subscription, SseEmitter.SseEventBuilder event) {
        try {
            subscription.emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            // the client went away (or the emitter already completed): drop the connection
            subscriptions.remove(subscription);
            try {
                subscription.emitter.completeWithError(gone);
            } catch (RuntimeException alreadyDone) {
                // nothing left to end
            }
        }
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-stream-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        for (Subscription subscription : subscriptions) {
            try {
                subscription.emitter.complete();
            } catch (RuntimeException alreadyDone) {
                // nothing left to end
            }
        }
        subscriptions.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    private static final class Subscription {
        final Caller caller;
        final SseEmitter emitter;
        volatile long position;

        Subscription(Caller caller, SseEmitter emitter, long position) {
            this.caller = caller;
            this.emitter = emitter;
            this.position = position;
        }
    }

    /** A read-model view ready to send: the event name, the response body and who may see it. */
    private record Change(String name, Object data, long version, String ownerId, String otherOwnerId) {

        static final Change WAIT = new Change(null, null, -1, null, null);
        static final Change SKIP = new Change(null, null, -1, null, null);

        static Change of(WalletView view) {
            return new Change("wallet", WalletResponse.of(view), view.version(), view.ownerId(), view.ownerId());
        }

        static Change of(EscrowView view) {
            return new Change("escrow", EscrowResponse.of(view), view.version(), view.buyerId(), view.sellerId());
        }

        boolean visibleTo(Caller caller) {
            return caller.actor().canSee(ownerId) || caller.actor().canSee(otherOwnerId);
        }
    }
}
