package io.github.eiaoutages.bench;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.SyntheticOutages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the packaged application takes to start, as cron and a probe see it (run with
 * {@code mvn -B -Pbench -DskipTests verify}, see the README):
 *
 * <ol>
 *   <li>An unchanged incremental {@code --pipeline.mode=ingest-once} of the 3 datasets (one short page each) from an
 *       EIA stub in another process: wall time of 5 runs of {@code java -jar}, and of the README's fast cron command
 *       (the jar extracted, Spring Boot's CDS archive from a training run, C1 only), with the breakdown JVM start,
 *       context refresh, Camel start, run, exit (medians, from the log's timestamps).
 *   <li>The server's time to ready (readiness 200, {@code /data} served from the snapshot on disk) with a model of
 *       over 500,000 events: median of 5 starts.
 * </ol>
 */
public final class StartupBenchmark {

    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar").toAbsolutePath();
    private static final Path CDS = Path.of("target", "cds").toAbsolutePath();
    private static final int RUNS = 5;
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)");

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        cronRun();
        serverReady();
    }

    private static void cronRun() throws Exception {
        try (EiaStub eia = new EiaStub()) {
            eia.serveGenerator(EiaStub.generatorRows(3 * 30, LocalDate.now().minusDays(30)));
            Path work = Files.createTempDirectory("eia-bench-cron-");
            List<String> args = List.of(
                    "--pipeline.mode=ingest-once",
                    "--pipeline.eia.api-key=bench-key",
                    "--pipeline.eia.base-url=" + eia.baseUrl(),
                    "--pipeline.datasets.generator-nuclear-outages.start="
                            + LocalDate.now().minusDays(40),
                    "--pipeline.datasets.facility-nuclear-outages.start="
                            + LocalDate.now().minusDays(40),
                    "--pipeline.datasets.us-nuclear-outages.start="
                            + LocalDate.now().minusDays(40),
                    "--pipeline.storage.data-dir=" + work.resolve("data"),
                    "--pipeline.storage.modeled-dir=" + work.resolve("modeled"));
            // The first run backfills; the measured ones find nothing new, as an hourly cron run usually does.
            run(List.of("java", "-jar", JAR.toString()), args, work.resolve("backfill.log"));
            List<String> fast = fastCommand(args, work);
            for (List<String> java : List.of(List.of("java", "-jar", JAR.toString()), fast)) {
                List<double[]> phases = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    phases.add(run(java, args, work.resolve("cron-" + i + ".log")));
                }
                System.out.printf(
                        "ingest-once, unchanged, 3 datasets, EIA stub in another process, %s: wall %.2f s "
                                + "(median of %d; min %.2f, max %.2f) = JVM start %.2f + context refresh %.2f + Camel start %.2f"
                                + " + run %.2f + exit %.2f%n",
                        java.size() > 3 ? "fast cron command (CDS, C1)" : "java -jar",
                        median(phases, 0),
                        RUNS,
                        min(phases, 0),
                        max(phases, 0),
                        median(phases, 1),
                        median(phases, 2),
                        median(phases, 3),
                        median(phases, 4),
                        median(phases, 5));
            }
        }
    }

    /** The README's fast cron command: the extracted jar, a CDS archive trained on this data, C1 only. */
    private static List<String> fastCommand(List<String> args, Path work) throws Exception {
        extract(work);
        List<String> training = new ArrayList<>(List.of(
                "java",
                "-XX:ArchiveClassesAtExit=" + CDS.resolve("app.jsa"),
                "-Dspring.context.exit=onRefresh",
                "-jar",
                CDS.resolve("eia-outage-pipeline.jar").toString()));
        training.addAll(args);
        exec(training, work.resolve("training.log"));
        return List.of(
                "java",
                "-XX:SharedArchiveFile=" + CDS.resolve("app.jsa"),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                CDS.resolve("eia-outage-pipeline.jar").toString());
    }

    /** The jar extracted for CDS (Spring Boot's {@code -Djarmode=tools extract}), afresh: the jar may have changed. */
    private static void extract(Path work) throws Exception {
        exec(
                List.of(
                        "java",
                        "-Djarmode=tools",
                        "-jar",
                        JAR.toString(),
                        "extract",
                        "--force",
                        "--destination",
                        CDS.toString()),
                work.resolve("extract.log"));
    }

    /** Runs one one-shot process; returns wall, JVM start, refresh, Camel start, run, exit in seconds. */
    private static double[] run(List<String> java, List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(java);
        command.addAll(args);
        long launched = System.currentTimeMillis();
        exec(command, log);
        long exited = System.currentTimeMillis();
        List<String> lines = Files.readAllLines(log);
        long starting = stamp(lines, "Starting EiaOutagePipelineApplication");
        long camelStarting = stamp(lines, "is starting");
        long camelStarted = stamp(lines, ") started in");
        long runStarted = stamp(lines, "started (ingest-once)");
        long runEnded = Math.max(stamp(lines, "succeeded in"), stamp(lines, "ended degraded"));
        return new double[] {
            (exited - launched) / 1e3,
            (starting - launched) / 1e3,
            (camelStarting - starting) / 1e3,
            (camelStarted - camelStarting) / 1e3 + (runStarted - camelStarted) / 1e3,
            (runEnded - runStarted) / 1e3,
            (exited - runEnded) / 1e3
        };
    }

    private static void serverReady() throws Exception {
        Path work = Files.createTempDirectory("eia-bench-ready-");
        SyntheticOutages.writeRaw(work.resolve("data"), 500, 4400);
        List<String> storage = List.of(
                "--pipeline.eia.api-key=bench-key",
                "--pipeline.eia.base-url=http://127.0.0.1:9/v2",
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled"));
        List<String> modelOnce =
                new ArrayList<>(List.of("java", "-Xmx1g", "-jar", JAR.toString(), "--pipeline.mode=model-once"));
        modelOnce.addAll(storage);
        exec(modelOnce, work.resolve("model-once.log"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<String> serve =
                new ArrayList<>(List.of("--pipeline.run-on-startup=false", "--pipeline.schedule.enabled=false"));
        serve.addAll(storage);
        extract(work);
        List<String> training = new ArrayList<>(List.of(
                "java",
                "-XX:ArchiveClassesAtExit=" + CDS.resolve("server.jsa"),
                "-Dspring.context.exit=onRefresh",
                "-jar",
                CDS.resolve("eia-outage-pipeline.jar").toString(),
                "--server.port=0"));
        training.addAll(serve);
        exec(training, work.resolve("training-server.log"));
        for (List<String> java : List.of(
                List.of("java", "-Xmx1g", "-jar", JAR.toString()),
                List.of(
                        "java",
                        "-Xmx1g",
                        "-XX:SharedArchiveFile=" + CDS.resolve("server.jsa"),
                        "-jar",
                        CDS.resolve("eia-outage-pipeline.jar").toString()))) {
            double[] seconds = new double[RUNS];
            String events = "?";
            for (int i = 0; i < RUNS; i++) {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                List<String> command = new ArrayList<>(java);
                command.add("--server.port=" + port);
                command.addAll(serve);
                long launched = System.nanoTime();
                Process app = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("serve-" + i + ".log").toFile())
                        .start();
                try {
                    while (status(http, port, "/actuator/health/readiness") != 200) {
                        if (System.nanoTime() - launched > TimeUnit.MINUTES.toNanos(3)) {
                            throw new IllegalStateException(
                                    "not ready within 3 minutes; see " + work.resolve("serve-" + i + ".log"));
                        }
                        Thread.sleep(20);
                    }
                    seconds[i] = (System.nanoTime() - launched) / 1e9;
                    HttpResponse<String> data = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/data?limit=1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (data.statusCode() != 200) {
                        throw new IllegalStateException("ready, but /data answered " + data.statusCode());
                    }
                    events = data.body().replaceAll("(?s).*\"total\":(\\d+).*", "$1");
                } finally {
                    app.destroy();
                    app.waitFor();
                }
            }
            Arrays.sort(seconds);
            System.out.printf(
                    "server time to ready (readiness 200, /data served) with a model of %s events on disk, %s: "
                            + "median %.2f s of %d starts (min %.2f, max %.2f)%n",
                    events,
                    java.size() > 4 ? "with the CDS archive" : "java -jar",
                    seconds[RUNS / 2],
                    RUNS,
                    seconds[0],
                    seconds[RUNS - 1]);
        }
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void exec(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static long stamp(List<String> lines, String marker) {
        for (String line : lines) {
            if (line.contains(marker)) {
                Matcher m = STAMP.matcher(line);
                if (m.find()) {
                    return Instant.parse(m.group(1)).toEpochMilli();
                }
            }
        }
        return 0;
    }

    private static double median(List<double[]> runs, int phase) {
        double[] values = runs.stream().mapToDouble(r -> r[phase]).sorted().toArray();
        return values[values.length / 2];
    }

    private static double min(List<double[]> runs, int phase) {
        return runs.stream().mapToDouble(r -> r[phase]).min().orElse(0);
    }

    private static double max(List<double[]> runs, int phase) {
        return runs.stream().mapToDouble(r -> r[phase]).max().orElse(0);
    }
}
