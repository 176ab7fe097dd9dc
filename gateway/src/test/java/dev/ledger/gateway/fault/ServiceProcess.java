package dev.ledger.gateway.fault;

import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as operators run it — {@code java -jar gateway/target/ledger.jar}, configured by environment
 * variables — in a process of its own that a test can kill with SIGKILL and start again on the same port. Its output
 * goes to {@code target/fault/<name>-<test JVM's pid>-<n>.log}, n counting its starts.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "ledger.jar");
    private static final Path LOGS = Path.of("target", "fault");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> environment;
    private final int port;
    private Process process;
    private int starts;

    private ServiceProcess(String name, Map<String, String> environment, int port) {
        this.name = name;
        this.environment = environment;
        this.port = port;
    }

    /** A service on the given database, on free ports of 127.0.0.1; not started yet. */
    static ServiceProcess on(String name, String jdbcUrl, String user, String password, String adminKey) {
        int port = freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEDGER_DB_URL", jdbcUrl);
        environment.put("LEDGER_DB_USER", user);
        environment.put("LEDGER_DB_PASSWORD", password);
        environment.put("LEDGER_ADMIN_API_KEY", adminKey);
        environment.put("LEDGER_PORT", Integer.toString(port));
        // a PostgreSQL shared with other tests and instances has connections to spare for a few, not for 20 each
        environment.put("LEDGER_DB_POOL_SIZE", "8");
        // two instances on one machine must not both claim the default management port
        environment.put("LEDGER_MANAGEMENT_PORT", Integer.toString(freePort()));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        return new ServiceProcess(name, environment, port);
    }

    /** Starts the process (again, after a kill); {@link #awaitUp} waits until it serves. */
    ServiceProcess start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: fault tests run after `package`");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        try {
            Files.createDirectories(LOGS);
            starts++;
            File log = logFile().toFile();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log));
            builder.environment().putAll(environment);
            Process started = builder.start();
            // a test JVM that is stopped half-way must not leave services running on the test database
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ServiceProcess awaitUp(Duration atMost) {
        await(name + " serving on port " + port).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue()
                                + ", see " + logFile().toAbsolutePath());
                    }
                    return healthStatus() == 200;
                });
        return this;
    }

    private Path logFile() {
        return LOGS.resolve(name + "-" + ProcessHandle.current().pid() + "-" + starts + ".log");
    }

    /** SIGKILL on Linux: no shutdown hook, no orderly close of connections or transactions. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die");
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP status of {@code GET /actuator/health} on the API port; 0 when nothing answers. */
    int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
