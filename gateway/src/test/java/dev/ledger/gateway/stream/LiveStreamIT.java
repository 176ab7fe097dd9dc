package dev.ledger.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.gateway.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/stream} through HTTP on PostgreSQL: a client is told about changes to its own wallets only, with
 * increasing feed positions and the view after the change; an admin about everyone's; a reconnecting client resumes
 * right after its Last-Event-ID.
 */
class LiveStreamIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private String clientA;
    private String clientB;
    private String walletA;
    private String walletB;

    @BeforeEach
    void wallets() {
        clientA = api.clientKey(ADMIN_KEY, newUser("stream-a"));
        clientB = api.clientKey(ADMIN_KEY, newUser("stream-b"));
        walletA = api.openWallet(clientA, "EUR");
        walletB = api.openWallet(clientB, "EUR");
    }

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    @Test
    void aClientIsToldAboutChangesToItsOwnWalletsAndNeverAboutAnotherClients() {
        Connection a = connect(clientA, null);

        api.deposit(ADMIN_KEY, walletA, "10.00");
        SseEvent first = a.awaitEvent(wallet(walletA));
        api.deposit(ADMIN_KEY, walletB, "5.00");
        api.deposit(ADMIN_KEY, walletA, "2.50");
        SseEvent second = a.awaitEvent(wallet(walletA).and(e -> e != first));

        assertThat(first.name()).isEqualTo("wallet");
        assertThat(first.data().get("balance").asText()).isEqualTo("10.00");
        assertThat(first.data().get("ownerId").asText()).isEqualTo(api.get("/api/wallets/" + walletA, clientA)
                .text("ownerId"));
        assertThat(second.data().get("balance").asText()).isEqualTo("12.50");
        assertThat(second.data().get("available").asText()).isEqualTo("12.50");
        assertThat(second.position()).isGreaterThan(first.position());
        // B's deposit lies between A's two in the feed, so it had been delivered, were it visible, before A's second
        assertThat(a.events()).extracting(e -> e.data().get("walletId").asText()).containsOnly(walletA);
        assertThat(a.events()).hasSize(2);
    }

    @Test
    void anAdminIsToldAboutEveryonesWallets() {
        Connection admin = connect(ADMIN_KEY, null);

        api.deposit(ADMIN_KEY, walletA, "1.00");
        api.deposit(ADMIN_KEY, walletB, "2.00");

        assertThat(admin.awaitEvent(wallet(walletA)).data().get("balance").asText()).isEqualTo("1.00");
        assertThat(admin.awaitEvent(wallet(walletB)).data().get("balance").asText()).isEqualTo("2.00");
    }

    @Test
    void aReconnectingClientResumesRightAfterItsLastEventId() {
        Connection before = connect(clientA, null);
        api.deposit(ADMIN_KEY, walletA, "1.00");
        SseEvent first = before.awaitEvent(wallet(walletA));
        api.deposit(ADMIN_KEY, walletA, "2.00");
        SseEvent second = before.awaitEvent(wallet(walletA).and(e -> e != first));
        api.deposit(ADMIN_KEY, walletA, "3.00");
        SseEvent third = before.awaitEvent(wallet(walletA).and(e -> e != first && e != second));
        before.close();

        Connection resumed = connect(clientA, first.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events().size() >= 2);
        assertThat(resumed.events()).extracting(SseEvent::id).startsWith(second.id(), third.id());
        assertThat(resumed.events()).extracting(e -> e.data().get("balance").asText()).containsOnly("6.00");
    }

    @Test
    void anEscrowIsShownToItsBuyerAndSellerButNotToAStranger() {
        String stranger = api.clientKey(ADMIN_KEY, newUser("stream-c"));
        String strangersWallet = api.openWallet(stranger, "EUR");
        api.deposit(ADMIN_KEY, walletA, "5.00");
        Connection buyer = connect(clientA, null);
        Connection seller = connect(clientB, null);
        Connection outsider = connect(stranger, null);

        var created = api.post("/api/escrows", clientA, "{\"buyerWalletId\":\"" + walletA + "\",\"sellerWalletId\":\""
                + walletB + "\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"description\":\"a lamp\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String escrowId = created.text("escrowId");
        Predicate<SseEvent> theEscrow = event -> "escrow".equals(event.name())
                && escrowId.equals(event.data().get("escrowId").asText());

        SseEvent toSeller = seller.awaitEvent(theEscrow);
        SseEvent toBuyer = buyer.awaitEvent(theEscrow);
        assertThat(toSeller.data().get("buyerWalletId").asText()).isEqualTo(walletA);
        assertThat(toSeller.data().get("amount").asText()).isEqualTo("1.00");
        assertThat(toBuyer.id()).isEqualTo(toSeller.id());
        // the stranger's own deposit comes after the escrow in the feed, so the escrow was already decided on
        api.deposit(ADMIN_KEY, strangersWallet, "1.00");
        outsider.awaitEvent(wallet(strangersWallet));
        assertThat(outsider.events()).noneMatch(event -> "escrow".equals(event.name()));
    }

    @Test
    void aLastEventIdThatIsNoPositionIsRejected() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/stream"))
                .header("X-API-Key", clientA).header("Last-Event-ID", "yesterday").GET().build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    private static Predicate<SseEvent> wallet(String walletId) {
        return event -> "wallet".equals(event.name()) && walletId.equals(event.data().get("walletId").asText());
    }

    private Connection connect(String key, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/stream"))
                .header("X-API-Key", key).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            Connection connection = new Connection(response.body());
            connections.add(connection);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record SseEvent(String id, String name, JsonNode data) {
        long position() {
            return Long.parseLong(id);
        }
    }

    /** One open stream; its lines are read on a thread of their own into the events received so far. */
    private static final class Connection {

        private final Stream<String> lines;
        private final List<SseEvent> events = new CopyOnWriteArrayList<>();

        Connection(Stream<String> lines) {
            this.lines = lines;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String[] current = new String[3];
            StringBuilder data = new StringBuilder();
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new SseEvent(current[0], current[1], parse(data.toString())));
                        }
                        current[0] = null;
                        current[1] = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        current[0] = value(line);
                    } else if (line.startsWith("event:")) {
                        current[1] = value(line);
                    } else if (line.startsWith("data:")) {
                        data.append(value(line));
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        private static String value(String line) {
            String value = line.substring(line.indexOf(':') + 1);
            return value.startsWith(" ") ? value.substring(1) : value;
        }

        private static JsonNode parse(String data) {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        List<SseEvent> events() {
            return List.copyOf(events);
        }

        SseEvent awaitEvent(Predicate<SseEvent> wanted) {
            return await().atMost(Duration.ofSeconds(20)).until(
                    () -> events.stream().filter(wanted).findFirst().orElse(null), found -> found != null);
        }

        void close() {
            lines.close();
        }
    }
}
