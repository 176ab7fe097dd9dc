package dev.ledger.gateway.apikey;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears of the API keys other instances revoke, and evicts them from this instance's {@link CallerCache}
 * (docs/adr/020-api-key-cache.md). A revocation sends {@code NOTIFY} on {@link #CHANNEL} in its own transaction, so
 * PostgreSQL delivers it exactly when — and only if — it commits.
 *
 * <p>It listens on a connection of its own, outside the pool: a connection in {@code LISTEN} must stay open and be
 * read, and Hikari's would be taken back, validated and handed to requests. While that connection is not open — at
 * start, after PostgreSQL closed or reset it, after it went silent (a heartbeat every {@link #HEARTBEAT} finds out)
 * — the cache is not trusted: every request's key is looked up in the database, as without a cache. Once listening
 * again the cache is used again, from empty, since notifications sent meanwhile were lost. Reconnecting backs off
 * from {@link #FIRST_RETRY} to {@link #MAX_RETRY}.
 */
final class RevocationListener implements SmartLifecycle {

    /** The channel revocations are announced on; the payload is the revoked key's id. */
    static final String CHANNEL = "ledger_api_key_revoked";
    /** How the connection shows in {@code pg_stat_activity}, so an operator can tell what it is. */
    static final String APPLICATION_NAME = "ledger-api-key-listener";

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    /** How long one wait for notifications lasts: the longest a stop waits for the listening thread to notice. */
    private static final int POLL_MILLIS = 500;
    /** A connection this quiet is asked whether it is still there; one cut off without a reset never says so. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 2;
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** Opens a new connection to the database, outside the pool. */
    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;
    private final CallerCache cache;
    private volatile boolean running;
    private volatile Thread listener;

    RevocationListener(ConnectionOpener opener, CallerCache cache) {
        this.opener = opener;
        this.cache = cache;
    }

    @Override
    public synchronized void start() {
        running = true;
        Thread thread = new Thread(this::listen, "api-key-revocations");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread stopping = listener;
        if (stopping == null) {
            return;
        }
        stopping.interrupt();
        try {
            stopping.join(4L * POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean everListened = false;
        boolean failing = false;
        try {
            while (running) {
                try (Connection connection = opener.open()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    cache.trust();
                    if (failing) {
                        log.info("Listening for API key revocations again; API keys are cached again");
                    }
                    everListened = true;
                    failing = false;
                    retry = FIRST_RETRY;
                    receive(connection);
                } catch (SQLException | RuntimeException failure) {
                    cache.distrust();
                    if (!running) {
                        return;
                    }
                    if (!failing) {
                        log.warn("{} for API key revocations ({}); every request's API key is looked up in the "
                                + "database until it listens again", everListened ? "Stopped listening"
                                : "Could not listen", failure.toString());
                    } else {
                        log.debug("listening for API key revocations failed again; next attempt in {}", retry, failure);
                    }
                    failing = true;
                    Thread.sleep(retry.toMillis());
                    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            cache.distrust();
        }
    }

    /** Evicts every key announced on the connection, until it fails or the listener stops. */
    private void receive(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long lastHeardNanos = System.nanoTime();
        while (running) {
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received != null && received.length > 0) {
                for (PGNotification notification : received) {
                    if (CHANNEL.equals(notification.getName())) {
                        cache.evict(notification.getParameter());
                    }
                }
                lastHeardNanos = System.nanoTime();
            } else if (System.nanoTime() - lastHeardNanos > HEARTBEAT.toNanos()) {
                if (!connection.isValid(HEARTBEAT_TIMEOUT_SECONDS)) {
                    throw new SQLException("the connection did not answer within " + HEARTBEAT_TIMEOUT_SECONDS + " s");
                }
                lastHeardNanos = System.nanoTime();
            }
        }
    }
}
