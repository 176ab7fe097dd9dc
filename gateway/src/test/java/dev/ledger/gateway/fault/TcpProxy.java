package dev.ledger.gateway.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between the service and PostgreSQL that a test can cut: {@link #cut()} resets every
 * proxied connection and resets every new one at once, as a database that went away would look to the service;
 * {@link #restore()} lets connections through again. The machine's own PostgreSQL is never touched.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
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
        open.forEach(this::drop);
    }

    void restore() {
        cut = false;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(this::drop);
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
                open.add(client);
                open.add(server);
                if (cut) {
                    // cut() ran while this one was being connected and did not see it
                    drop(client);
                    drop(server);
                    continue;
                }
                daemon("proxy-up", () -> pump(client, server)).start();
                daemon("proxy-down", () -> pump(server, client)).start();
            } catch (IOException upstreamDown) {
                reset(client);
            }
        }
    }

    /** Copies one direction until either side ends; then both sides go. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (cut) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // the other direction or cut() closed the sockets
        } finally {
            drop(from);
            drop(to);
        }
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

    private void drop(Socket socket) {
        open.remove(socket);
        reset(socket);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
