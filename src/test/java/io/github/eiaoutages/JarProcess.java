package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a process, started and stopped (or killed) by the test: what {@link LifecycleIT},
 * {@link StopDuringRunIT}, {@link IngestOnceStopIT}, {@link KillRecoveryIT} and {@link AlertDeliveryKillIT} share (one
 * class each, so that they run at the same time in the suite's JVMs).
 */
abstract class JarProcess {

    /** One stub for the JVM (these classes may run in one, one after the other): reset before each test. */
    static final EiaStub EIA = new EiaStub();

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The README's endpoints, with the parameters it shows. */
    static final List<String> README_ENDPOINTS = List.of(
            "/data?limit=1",
            "/plants?name=ferry",
            "/analytics/top-plants?metric=energy_lost_mwh&limit=5&start_date=2025-01-01&end_date=2025-12-31",
            "/analytics/monthly?start_date=2025-01-01&end_date=2025-06-30&facility_id=46",
            "/analytics/national",
            "/datasets",
            "/runs",
            "/openapi.json",
            "/docs",
            "/docs/",
            "/docs/index.html",
            "/actuator/health",
            "/actuator/health/liveness",
            "/actuator/health/readiness");

    @TempDir
    Path work;

    Process app;
    /** The output of {@link #app}, for {@link PackagedJar#assertAlive}. */
    Path log;

    int port;

    @BeforeEach
    void resetStub() {
        EIA.reset();
        EIA.delay(0);
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    /** Starts the jar and waits until it is ready (a live but not yet ready server answers the API with 503). */
    void start(List<String> extra) throws Exception {
        launch(extra);
        await().atMost(PackagedJar.STARTUP).pollInterval(Duration.ofMillis(100)).until(() -> {
            PackagedJar.assertAlive(app, log);
            return status("/actuator/health/readiness") == 200;
        });
    }

    /** Starts the jar and returns once it listens (its port read from its log), while it is still starting. */
    void launch(List<String> extra) throws Exception {
        EIA.server().resetRequests();
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        args.addAll(extra);
        log = work.resolve("app-" + System.nanoTime() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment());
        app = builder.start();
        port = PackagedJar.awaitPort(app, log);
    }

    /** Environment variables of the jar besides this JVM's (e.g. a webhook's address and secret). */
    Map<String, String> environment() {
        return Map.of();
    }

    /** The started jar's address, e.g. {@code http://127.0.0.1:41269}. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The start of the command line: the README's CDS command ({@link PackagedJar#java}) unless a class needs another. */
    List<String> java() {
        return PackagedJar.java("512m");
    }

    List<String> command(List<String> extra) {
        List<String> command = java();
        command.addAll(List.of(
                "--pipeline.schedule.enabled=false",
                "--pipeline.run-on-startup=false",
                "--pipeline.eia.base-url=" + EIA.baseUrl(),
                "--pipeline.eia.page-size=20",
                "--pipeline.eia.requests-per-second=50",
                "--pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
                "--pipeline.datasets.generator-nuclear-outages.window-days=36500",
                "--pipeline.datasets.facility-nuclear-outages.start=2025-01-01",
                "--pipeline.datasets.us-nuclear-outages.start=2025-01-01",
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        // An extra argument replaces a default of the same key (Spring would join the two values with a comma).
        for (String argument : extra) {
            String key = argument.substring(0, argument.indexOf('=') + 1);
            command.removeIf(a -> a.startsWith(key));
            command.add(argument);
        }
        return command;
    }

    /** Sends SIGTERM and returns the seconds until the process has exited. */
    double stopSeconds() throws Exception {
        long started = System.nanoTime();
        app.destroy();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        app = null;
        return (System.nanoTime() - started) / 1e9;
    }

    /** The status of GET {@code path}, or 0 while nothing listens. */
    int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    HttpRequest post(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    Map<?, ?> lastRunRecord() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("data/runs"))) {
            Path newest = files.filter(p -> p.toString().endsWith(".json"))
                    .max(Path::compareTo)
                    .orElseThrow();
            return new ObjectMapper().readValue(newest.toFile(), Map.class);
        }
    }
}
