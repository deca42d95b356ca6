package io.github.eiaoutages;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.client.RestClient;

/**
 * The packaged jar ({@code target/eia-outage-pipeline.jar}, built before the tests) run as a process, the way users
 * run it: what the {@code *IT} classes and the benchmarks share to start it and to wait for it.
 */
public final class PackagedJar {

    /**
     * How long a start may take before a test gives up: seconds on a quiet machine, more than a minute on one running
     * other builds beside the suite (seen: 2 suites at once, load 36).
     */
    public static final Duration STARTUP = Duration.ofSeconds(180);

    /** The jar the build makes (Maven's {@code process-classes} phase, before any test). */
    public static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");

    private PackagedJar() {}

    /**
     * {@code java -Xmx<maxHeap> <flags> -jar <jar>}: the start of a command line. The flags are those of the test
     * JVMs (C1 only, the serial collector; see the pom): a process that lives a minute compiles and collects less.
     */
    public static List<String> java(String maxHeap) {
        return new ArrayList<>(List.of(
                "java",
                "-Xmx" + maxHeap,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toAbsolutePath().toString()));
    }

    /** A TCP port nobody listens on now, for {@code --server.port}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the application at {@code base} (e.g. {@code http://127.0.0.1:8080}) is ready: its readiness
     * probe answers 200. Not liveness: a live application that is not ready yet answers the API with 503.
     */
    public static void awaitReady(String base, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> RestClient.create(base)
                        .get()
                        .uri("/actuator/health/readiness")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .is2xxSuccessful());
    }
}
