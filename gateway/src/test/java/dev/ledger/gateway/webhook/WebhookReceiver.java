package dev.ledger.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a customer would run one: an HTTP server on 127.0.0.1 that records every request and
 * answers what the test tells it to. It also watches how many requests for one event are open at the same moment.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String eventId, String timestamp, String signature, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String type() {
            return json().get("type").asText();
        }

        /** True when one of the {@code v1=} signatures is HMAC-SHA256(secret, timestamp + "." + body). */
        boolean signedWith(String secret) {
            String expected = "v1=" + hmac(secret, timestamp + "." + body);
            return Arrays.asList(signature.split(" ")).contains(expected);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> openByEvent = new ConcurrentHashMap<>();
    private final AtomicInteger mostOpenForOneEvent = new AtomicInteger();
    private volatile ToIntFunction<Received> answer = request -> 200;
    private volatile Duration slowness = Duration.ZERO;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static WebhookReceiver start() {
        return new WebhookReceiver(0);
    }

    /** On a port chosen before, e.g. one the service has been failing to reach. */
    static WebhookReceiver startOn(int port) {
        return new WebhookReceiver(port);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The status to answer each request with (200 by default). */
    void answer(ToIntFunction<Received> answer) {
        this.answer = answer;
    }

    /** How long the receiver takes before it answers: a slow endpoint. */
    void slowness(Duration slowness) {
        this.slowness = slowness;
    }

    /** Every request, answered with whatever status. */
    /** From now on every request waits, unanswered, until {@link #open}: an endpoint that hangs. */
    void hang() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx, in the order they arrived. */
    List<Received> delivered() {
        return List.copyOf(delivered);
    }

    List<Received> delivered(String type) {
        return delivered.stream().filter(r -> r.type().equals(type)).toList();
    }

    int mostOpenForOneEvent() {
        return mostOpenForOneEvent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Received request = new Received(exchange.getRequestHeaders().getFirst("Ledger-Webhook-Id"),
                    exchange.getRequestHeaders().getFirst("Ledger-Webhook-Timestamp"),
                    exchange.getRequestHeaders().getFirst("Ledger-Webhook-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            AtomicInteger open = openByEvent.computeIfAbsent(request.eventId(), id -> new AtomicInteger());
            mostOpenForOneEvent.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                gate.await(1, TimeUnit.MINUTES);
                if (!slowness.isZero()) {
                    // the receiver's own slowness, not a test waiting for something
                    Thread.sleep(slowness.toMillis());
                }
                int status = answer.applyAsInt(request);
                received.add(request);
                if (status / 100 == 2) {
                    delivered.add(request);
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
            }
        }
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        threads.shutdownNow();
    }
}
