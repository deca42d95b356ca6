package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application from a probe's point of view: no 404 or 500 while it starts, a quick exit when stopped
 * idle, and SIGTERM during a run that cannot finish in the grace period: the waiting client is answered at once,
 * the run is recorded interrupted, nothing of it stays, and the next start runs cleanly.
 */
class LifecycleIT {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The README's endpoints, with the parameters it shows. */
    private static final List<String> README_ENDPOINTS = List.of(
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

    private Process app;
    private int port;

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    @Test
    void a_starting_server_never_answers_404_or_500_and_a_stop_while_idle_takes_seconds() throws Exception {
        // A model on disk first: the sample data, ingested at startup.
        start(List.of("--pipeline.eia.api-key=", "--pipeline.run-on-startup=true"));
        await().atMost(Duration.ofSeconds(90)).until(() -> status("/data?limit=1") == 200);
        assertThat(stopSeconds()).as("seconds from SIGTERM to exit, idle").isLessThan(5);

        launch(List.of("--pipeline.eia.api-key=", "--pipeline.run-on-startup=false"));
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (status("/actuator/health/readiness") != 200) {
            assertThat(System.nanoTime()).as("ready within 90 s").isLessThan(deadline);
            for (String endpoint : README_ENDPOINTS) {
                int status = status(endpoint);
                if (status != 0) {
                    seen.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(status);
                }
            }
        }
        assertThat(seen.values())
                .as("answers while starting: %s", seen)
                .allSatisfy(statuses -> assertThat(statuses).doesNotContain(404, 500));
        assertThat(seen)
                .as("answers seen before readiness (the server listens before it is ready)")
                .isNotEmpty();
        for (String endpoint : README_ENDPOINTS) {
            assertThat(status(endpoint)).as("%s once ready", endpoint).isIn(200, 302, 503);
        }
        assertThat(status("/data?limit=1"))
                .as("the snapshot on disk is loaded before readiness")
                .isEqualTo(200);
        assertThat(stopSeconds()).isLessThan(5);
    }

    @Test
    void sigterm_during_a_run_that_cannot_finish_interrupts_it_and_the_next_start_runs_clean() throws Exception {
        List<Map<String, String>> rows = EiaStub.generatorRows(3 * 200, LocalDate.of(2025, 1, 1));
        EIA.serveGenerator(rows);
        EIA.delay(500);
        start(List.of("--pipeline.eia.api-key=lifecycle-key", "--pipeline.shutdown.grace-period=4s"));
        CompletableFuture<HttpResponse<String>> waiting =
                HTTP.sendAsync(post("/refresh?wait=true"), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> EIA.server()
                                .countRequestsMatching(
                                        WireMock.getRequestedFor(WireMock.urlPathEqualTo(EiaStub.GENERATOR_PATH))
                                                .build())
                                .getCount()
                        >= 3);
        // From now on EIA takes 15 s a page: requests under way block in socket reads that ignore interrupts.
        EIA.delay(15_000);
        Thread.sleep(1500);
        assertThat(EIA.requestsInFlight())
                .as("a request waiting for its slow page")
                .isPositive();

        long stopped = System.nanoTime();
        app.destroy();
        HttpResponse<String> released = waiting.get(10, TimeUnit.SECONDS);
        double releasedAfter = (System.nanoTime() - stopped) / 1e9;
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        double exitedAfter = (System.nanoTime() - stopped) / 1e9;
        app = null;
        // 4 s of grace, 3 s at most for the interrupted run to record itself, the rest of the stop: not another
        // wait for the requests under way (which took the grace period again, 2 x 4 + 3 s and more, before).
        System.out.printf("LifecycleIT: SIGTERM to exit, 4 s of grace, EIA taking 15 s a page: %.1f s%n", exitedAfter);
        assertThat(exitedAfter)
                .as("seconds from SIGTERM to exit, with requests to EIA under way")
                .isLessThan(9.5);

        assertThat(released.statusCode()).isEqualTo(503);
        assertThat(released.body()).contains("interrupted: the application is stopping");
        assertThat(releasedAfter).as("the waiting client is answered at once").isLessThan(2.5);
        Map<?, ?> record = lastRunRecord();
        assertThat(record.get("status")).isEqualTo("interrupted");
        assertThat((String) record.get("error"))
                .contains("pipeline.shutdown.grace-period")
                .contains("nothing of it was committed");
        // Nothing was stored, so no row is a duplicate of a stored one; fetches still under way do not add to it.
        assertThat(((Map<?, ?>) record.get("datasets")).values())
                .allSatisfy(counts -> assertThat(((Map<?, ?>) counts).containsKey("rows_duplicate"))
                        .isFalse());
        assertThat(record.containsKey("progress")).isFalse();
        assertThat(work.resolve("data/raw/generator-nuclear-outages/_staging")).doesNotExist();

        EIA.delay(0);
        start(List.of("--pipeline.eia.api-key=lifecycle-key"));
        assertThat(HTTP.send(
                                post("/refresh?wait=true&dataset=generator-nuclear-outages"),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"status\":\"succeeded\"");
        assertThat(RawFiles.committedRows(work.resolve("data"), "generator-nuclear-outages"))
                .hasSize(rows.size());
    }

    @Test
    void ingest_once_stopped_by_sigterm_exits_143_saying_interrupted() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(3 * 200, LocalDate.of(2025, 1, 1)));
        EIA.delay(500);
        EIA.server().resetRequests();
        Path stderr = work.resolve("ingest-once.err");
        app = new ProcessBuilder(command(List.of(
                        "--pipeline.mode=ingest-once",
                        "--pipeline.eia.api-key=lifecycle-key",
                        "--pipeline.shutdown.grace-period=2s")))
                .redirectError(stderr.toFile())
                .redirectOutput(work.resolve("ingest-once.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> EIA.server()
                                .countRequestsMatching(
                                        WireMock.getRequestedFor(WireMock.urlPathEqualTo(EiaStub.GENERATOR_PATH))
                                                .build())
                                .getCount()
                        >= 2);

        app.destroy();

        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isEqualTo(143);
        String said = Files.readString(stderr);
        assertThat(said).contains("(ingest-once) interrupted: the application was asked to stop");
        // A stop is no crash: no "Application run failed", no stack trace of the interrupted thread.
        assertThat(said).doesNotContain("Application run failed").doesNotContain("Exception");
        app = null;
    }

    private void start(List<String> extra) throws Exception {
        launch(extra);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status("/actuator/health/liveness") == 200);
    }

    /** Starts the jar and returns at once, while it is still starting. */
    private void launch(List<String> extra) throws Exception {
        EIA.server().resetRequests();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("--server.port=" + port));
        args.addAll(extra);
        app = new ProcessBuilder(command(args))
                .redirectErrorStream(true)
                .redirectOutput(
                        work.resolve("app-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private List<String> command(List<String> extra) {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toAbsolutePath().toString(),
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
    private double stopSeconds() throws Exception {
        long started = System.nanoTime();
        app.destroy();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        app = null;
        return (System.nanoTime() - started) / 1e9;
    }

    /** The status of GET {@code path}, or 0 while nothing listens. */
    private int status(String path) {
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

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private Map<?, ?> lastRunRecord() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("data/runs"))) {
            Path newest = files.filter(p -> p.toString().endsWith(".json"))
                    .max(Path::compareTo)
                    .orElseThrow();
            return new ObjectMapper().readValue(newest.toFile(), Map.class);
        }
    }
}
