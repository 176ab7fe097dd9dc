package dev.ledger.gateway.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Clients moving money through the HTTP API the way the contract tells them to: every money-moving request carries a
 * key of its own, and whatever leaves its outcome open — a timeout, a refused or dropped connection, a 5xx, a 409
 * {@code idempotency-key-in-flight} — is sent again with the same key, to the next instance in turn, until the
 * outcome is known. What every key finally answered is kept for the checks afterwards, and every attempt (when it
 * started, how long it took, what it answered) for the checks of what clients saw during a fault.
 */
final class MoneyMovers {

    /** The amounts moved: USD, so two decimals. */
    private static final String CURRENCY = "USD";
    private static final long OPENING_DEPOSIT = 100_00;
    /** A request that has not answered by then counts as timed out and is retried. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** An outcome still open after retrying this long is reported as undetermined, which fails the test. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind { OPEN, DEPOSIT, WITHDRAWAL, TRANSFER, HOLD, CAPTURE }

    /** One request as the client sent it, with the final answer its key got. */
    static final class Operation {
        final Kind kind;
        final String key;
        final String fromWallet;
        final String toWallet;
        final long amount;
        volatile int status;
        volatile JsonNode body;
        volatile int attempts;

        Operation(Kind kind, String key, String fromWallet, String toWallet, long amount) {
            this.kind = kind;
            this.key = key;
            this.fromWallet = fromWallet;
            this.toWallet = toWallet;
            this.amount = amount;
        }

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        boolean undetermined() {
            return status == 0;
        }

        @Override
        public String toString() {
            return kind + " " + key + " -> " + status + " " + body;
        }
    }

    /** One HTTP exchange: when it started and ended ({@link System#nanoTime()}), and its status (0: no answer). */
    record Attempt(long startedAt, long endedAt, int status, String code) {

        Duration took() {
            return Duration.ofNanos(endedAt - startedAt);
        }
    }

    private final List<String> baseUrls;
    private final String adminKey;
    private final String run;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Collection<Operation> operations = new ConcurrentLinkedQueue<>();
    private final Collection<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keys = new AtomicInteger();
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final List<Client> clients = new ArrayList<>();
    private volatile boolean stopped;

    private record Client(String apiKey, List<String> wallets) {
    }

    /** {@code run} makes the keys of this run unique on a shared database: they all start with {@code fault-<run>-}. */
    MoneyMovers(List<String> baseUrls, String adminKey, String run) {
        this.baseUrls = List.copyOf(baseUrls);
        this.adminKey = adminKey;
        this.run = run;
    }

    String keyPrefix() {
        return "fault-" + run + "-";
    }

    /** Issues a key per client, opens two wallets each and puts {@value #OPENING_DEPOSIT} minor units in each. */
    void openWallets(int clientCount) {
        for (int c = 0; c < clientCount; c++) {
            JsonNode issued = call(null, "POST", "/api/admin/api-keys", adminKey,
                    "{\"role\":\"client\",\"userId\":\"" + keyPrefix() + "user-" + c + "\"}").body;
            String apiKey = issued.get("key").asText();
            List<String> wallets = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Operation open = call(new Operation(Kind.OPEN, newKey(), null, null, 0), "POST", "/api/wallets",
                        apiKey, "{\"currency\":\"" + CURRENCY + "\"}");
                String wallet = required(open, 201).body.get("walletId").asText();
                wallets.add(wallet);
                required(call(new Operation(Kind.DEPOSIT, newKey(), null, wallet, OPENING_DEPOSIT), "POST",
                        "/api/wallets/" + wallet + "/deposits", adminKey, amountBody(OPENING_DEPOSIT)), 201);
            }
            clients.add(new Client(apiKey, wallets));
        }
    }

    /**
     * Runs every client on its own thread until {@link #stop()} or until each has sent {@code operationsPerClient}
     * operations; the future completes once every client has finished its last operation (its outcome known).
     */
    CompletableFuture<Void> start(int operationsPerClient, long seed) {
        ExecutorService threads = Executors.newFixedThreadPool(clients.size());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            Random random = new Random(seed + c);
            running.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < operationsPerClient && !stopped; n++) {
                    oneOperation(client, random);
                }
            }, threads));
        }
        threads.shutdown();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    void stop() {
        stopped = true;
    }

    private void oneOperation(Client client, Random random) {
        String own = client.wallets().get(random.nextInt(client.wallets().size()));
        int dice = random.nextInt(100);
        if (dice < 15) {
            long amount = cents(random, 2_000);
            call(new Operation(Kind.DEPOSIT, newKey(), null, own, amount), "POST", "/api/wallets/" + own
                    + "/deposits", adminKey, amountBody(amount));
        } else if (dice < 35) {
            long amount = cents(random, 1_000);
            call(new Operation(Kind.WITHDRAWAL, newKey(), own, null, amount), "POST", "/api/wallets/" + own
                    + "/withdrawals", client.apiKey(), amountBody(amount));
        } else if (dice < 75) {
            String to = anyWalletBut(own, random);
            long amount = cents(random, 1_500);
            call(new Operation(Kind.TRANSFER, newKey(), own, to, amount), "POST", "/api/transfers", client.apiKey(),
                    "{\"fromWalletId\":\"" + own + "\",\"toWalletId\":\"" + to + "\",\"amount\":\""
                            + decimal(amount) + "\"}");
        } else {
            long amount = cents(random, 1_000);
            Operation hold = call(new Operation(Kind.HOLD, newKey(), own, null, amount), "POST", "/api/wallets/"
                    + own + "/holds", client.apiKey(), "{\"amount\":\"" + decimal(amount)
                    + "\",\"expiresInSeconds\":600}");
            if (hold.status == 201) {
                long captured = 1 + random.nextInt((int) amount);
                call(new Operation(Kind.CAPTURE, newKey(), own, null, captured), "POST", "/api/wallets/" + own
                        + "/holds/" + hold.body.get("holdId").asText() + "/capture", client.apiKey(),
                        amountBody(captured));
            }
        }
    }

    /**
     * Sends the request until its outcome is known and records it; {@code operation} null for requests outside the
     * ledger's money (issuing keys), which are sent without an Idempotency-Key.
     */
    private Operation call(Operation operation, String method, String path, String apiKey, String body) {
        Operation recorded = operation != null ? operation : new Operation(null, null, null, null, 0);
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < giveUpAt) {
            recorded.attempts++;
            String baseUrl = baseUrls.get(Math.floorMod(nextInstance.getAndIncrement(), baseUrls.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                    .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (recorded.key != null) {
                request.header("Idempotency-Key", recorded.key);
            }
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException noAnswer) {
                attempts.add(new Attempt(started, System.nanoTime(), 0, null));
                backOff(Duration.ofMillis(200));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            JsonNode json = parse(response.body());
            String code = json.path("code").isTextual() ? json.get("code").asText() : null;
            attempts.add(new Attempt(started, System.nanoTime(), response.statusCode(), code));
            if (isOpen(response.statusCode(), code)) {
                backOff(retryAfter(response));
                continue;
            }
            recorded.status = response.statusCode();
            recorded.body = json;
            break;
        }
        if (operation != null) {
            operations.add(operation);
        }
        return recorded;
    }

    /** The answers that leave the outcome open: the same request with the same key will tell. */
    private static boolean isOpen(int status, String code) {
        return status >= 500 || status == 409
                && ("idempotency-key-in-flight".equals(code) || "concurrent-modification".equals(code));
    }

    /** What Retry-After asks for, at most a second: the clients keep the load up while a fault lasts. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(seconds -> Duration.ofSeconds(Math.min(1, Long.parseLong(seconds))))
                .orElse(Duration.ofMillis(100));
    }

    private static void backOff(Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A plain GET with the admin key against the first instance that answers; null when none did. */
    JsonNode get(String path) {
        for (int tries = 0; tries < baseUrls.size() * 3; tries++) {
            String baseUrl = baseUrls.get(Math.floorMod(nextInstance.getAndIncrement(), baseUrls.size()));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(REQUEST_TIMEOUT).header("X-API-Key", adminKey).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return parse(response.body());
                }
            } catch (IOException noAnswer) {
                // the next instance, then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return null;
    }

    /** {@code POST /api/audit/verify}: the report, or null when no instance answered it. */
    JsonNode verify() {
        Operation report = call(null, "POST", "/api/audit/verify", adminKey, "{}");
        return report.status == 200 ? report.body : null;
    }

    Collection<Operation> operations() {
        return List.copyOf(operations);
    }

    Collection<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    List<String> wallets() {
        return clients.stream().flatMap(client -> client.wallets().stream()).toList();
    }

    /**
     * What every wallet must hold, from what the clients were told: deposits in, withdrawals and captures out, and
     * each transfer according to how it ended ({@code transferStatus}: COMPLETED moves the money, FAILED does not).
     */
    Map<String, Long> expectedBalances(Supplier<Map<String, String>> transferStatus) {
        Map<String, String> ended = transferStatus.get();
        Map<String, Long> balances = new HashMap<>();
        wallets().forEach(wallet -> balances.put(wallet, 0L));
        for (Operation operation : operations) {
            if (!operation.succeeded()) {
                continue;
            }
            switch (operation.kind) {
                case DEPOSIT -> balances.merge(operation.toWallet, operation.amount, Long::sum);
                case WITHDRAWAL -> balances.merge(operation.fromWallet, -operation.amount, Long::sum);
                case CAPTURE -> balances.merge(operation.fromWallet,
                        -minor(operation.body.get("capturedAmount").asText()), Long::sum);
                case TRANSFER -> {
                    if ("COMPLETED".equals(ended.get(operation.body.get("transferId").asText()))) {
                        balances.merge(operation.fromWallet, -operation.amount, Long::sum);
                        balances.merge(operation.toWallet, operation.amount, Long::sum);
                    }
                }
                case OPEN, HOLD -> {
                    // no money moves
                }
            }
        }
        return balances;
    }

    /** Σ deposits − Σ withdrawals − Σ captures, as the clients were told them. */
    long moneyThatShouldExist() {
        long total = 0;
        for (Operation operation : operations) {
            if (operation.succeeded()) {
                total += switch (operation.kind) {
                    case DEPOSIT -> operation.amount;
                    case WITHDRAWAL -> -operation.amount;
                    case CAPTURE -> -minor(operation.body.get("capturedAmount").asText());
                    default -> 0;
                };
            }
        }
        return total;
    }

    private String newKey() {
        return keyPrefix() + keys.incrementAndGet();
    }

    private String anyWalletBut(String own, Random random) {
        List<String> all = wallets();
        String to;
        do {
            to = all.get(random.nextInt(all.size()));
        } while (to.equals(own));
        return to;
    }

    private static Operation required(Operation operation, int status) {
        if (operation.status != status) {
            throw new AssertionError("setting up failed: " + operation);
        }
        return operation;
    }

    private static long cents(Random random, int atMost) {
        return 1 + random.nextInt(atMost);
    }

    private static String amountBody(long minor) {
        return "{\"amount\":\"" + decimal(minor) + "\"}";
    }

    static String decimal(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    static long minor(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
