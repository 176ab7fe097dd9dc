package dev.ledger.gateway.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 between the service and PostgreSQL that a test can break in two ways. {@link #cut()}
 * resets every proxied connection and every new one at once, as a database that went away would look to the service,
 * until {@link #restore()}. {@link #loseCommitAnswer} lets one transaction commit and then resets its connection
 * before the service hears so: a commit whose outcome the service cannot know. The machine's own PostgreSQL is never
 * touched.
 */
final class TcpProxy implements AutoCloseable {

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** What marks the transaction whose commit answer gets lost; null when none is asked for. */
    private final AtomicReference<byte[]> losingCommitOf = new AtomicReference<>();
    private final AtomicInteger lostCommitAnswers = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    static TcpProxy to(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(host, port));
        daemon("proxy-accept", proxy::accept).start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection through the proxy and every new one from now on. */
    void cut() {
        cut = true;
        links.forEach(Link::drop);
    }

    void restore() {
        cut = false;
    }

    /**
     * On the next connection that sends {@code marker} (say, a value only one request binds), lets its next COMMIT
     * through to PostgreSQL, waits for PostgreSQL's answer, and then resets the connection instead of passing the
     * answer on.
     */
    void loseCommitAnswer(String marker) {
        losingCommitOf.set(marker.getBytes(StandardCharsets.UTF_8));
    }

    /** How many commit answers {@link #loseCommitAnswer} has swallowed. */
    int lostCommitAnswers() {
        return lostCommitAnswers.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        links.forEach(Link::drop);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException stopped) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(upstream, 2000);
                Link link = new Link(client, server);
                links.add(link);
                if (cut) {
                    // cut() ran while this one was being connected and did not see it
                    link.drop();
                    continue;
                }
                daemon("proxy-up", link::up).start();
                daemon("proxy-down", link::down).start();
            } catch (IOException upstreamDown) {
                reset(client);
            }
        }
    }

    /** One proxied connection: the service's end and PostgreSQL's. */
    private final class Link {

        private final Socket client;
        private final Socket server;
        private volatile boolean marked;
        private volatile boolean commitSent;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Service to PostgreSQL; notes the marked transaction's COMMIT going by. */
        void up() {
            pump(client, server, (buffer, length) -> {
                byte[] marker = losingCommitOf.get();
                if (marker != null && contains(buffer, length, marker) && losingCommitOf.compareAndSet(marker, null)) {
                    marked = true;
                }
                if (marked && !commitSent && contains(buffer, length, COMMIT)) {
                    commitSent = true;
                }
                return true;
            });
        }

        /** PostgreSQL to the service; swallows the answer to the marked COMMIT and ends the connection there. */
        void down() {
            pump(server, client, (buffer, length) -> {
                if (commitSent) {
                    lostCommitAnswers.incrementAndGet();
                    return false;
                }
                return true;
            });
        }

        private void pump(Socket from, Socket to, Forward forward) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (cut || !forward.pass(buffer, read)) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ended) {
                // the other direction or cut() closed the sockets
            } finally {
                drop();
            }
        }

        void drop() {
            links.remove(this);
            reset(client);
            reset(server);
        }
    }

    @FunctionalInterface
    private interface Forward {
        /** Whether to pass this chunk on; false ends the connection. */
        boolean pass(byte[] buffer, int length);
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int start = 0; start <= length - marker.length; start++) {
            for (int i = 0; i < marker.length; i++) {
                if (buffer[start + i] != marker[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Closes with a TCP reset rather than an orderly close: the peer learns at once, as from a dead server. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // nothing to reset
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
