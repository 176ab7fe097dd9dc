package dev.ledger.clienttest;

import static org.awaitility.Awaitility.await;

import dev.ledger.client.ApiClient;
import dev.ledger.client.api.ApiKeysApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service as a user starts it from the quick start: {@code java -jar ledger.jar} with its embedded
 * database in a fresh directory, on a free port, with a known admin key. Ready once the generated client itself gets
 * an answer; what the service printed is kept for a failing test to show.
 */
final class LedgerService implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final Path output;
    private final String baseUrl;

    private LedgerService(Process process, Path dataDir, Path output, String baseUrl) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
        this.baseUrl = baseUrl;
    }

    static LedgerService start(String adminKey) throws IOException {
        Path jar = Path.of(System.getProperty("ledger.jar", "../gateway/target/ledger.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the gateway is packaged before this module runs");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("ledger-client-test");
        Path output = Files.createTempFile("ledger-client-test", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("LEDGER_DB_URL");
        builder.environment().put("LEDGER_PORT", String.valueOf(port));
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("LEDGER_ADMIN_API_KEY", adminKey);
        LedgerService service = new LedgerService(builder.start(), dataDir, output, "http://localhost:" + port);
        ApiKeysApi keys = new ApiKeysApi(service.client(adminKey));
        await("the service answers").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast("the service ended: " + output, () -> !service.process.isAlive())
                .ignoreExceptions()
                .until(() -> keys.listApiKeys(1, null) != null);
        return service;
    }

    /** A generated client for this service, sending the API key on every request. */
    ApiClient client(String apiKey) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("X-API-Key", apiKey));
        return client;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(output);
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
