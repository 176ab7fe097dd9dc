package dev.ledger.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/ledger.jar}, built by {@code package} before failsafe runs) as an operator runs
 * it: its own JVM, configured by environment variables, stopped with SIGTERM; what it prints, stdout and stderr
 * together, is kept in a file for the test to read.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Failsafe runs in the module's directory. */
    public static final Path JAR = Path.of("target", "ledger.jar");

    private final Process process;
    private final Path output;

    private ServiceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the service with these environment variables (and no LEDGER_DB_URL unless given) and arguments. */
    public static ServiceProcess start(Map<String, String> environment, List<String> arguments) throws IOException {
        assertThat(JAR).as("the packaged service").exists();
        Path output = Files.createTempFile("ledger", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("LEDGER_DB_URL");
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), output);
    }

    /** A port nothing listens on right now, for a service to be started on (see {@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.next();
    }

    /** Waits until the service on {@code api} answers its health check. */
    public void awaitHealthy(Api api) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .failFast("the service ended", () -> assertThat(process.isAlive()).as("%s", output()).isTrue())
                // Api's answer to a refused connection, until the service listens
                .ignoreExceptionsInstanceOf(AssertionError.class)
                .until(() -> api.get("/actuator/health", null).status() == 200);
    }

    /** SIGTERM, as a container runtime or systemd stops a service, and waits until it has ended. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute").isTrue();
    }

    /** SIGKILL: the process ends at once, with nothing of its own shutdown run (a crash, an OOM kill). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("killed").isTrue();
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
    }
}
