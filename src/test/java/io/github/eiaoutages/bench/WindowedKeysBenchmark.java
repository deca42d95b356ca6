package io.github.eiaoutages.bench;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Frequency;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A 50-million-row history in a small heap (issue "keys bounded by what a run fetches"). Writes, with DuckDB straight
 * into sorted Parquet parts, a committed history of 50,000,080 raw rows of an EIA-930-shaped hourly dataset (130
 * balancing authorities x 4 series x 96,154 hours, about 11 years), lets the application store the look-back hours
 * after it through its own path (so their keys are real), then starts the packaged jar at {@code -Xmx512m} with
 * {@code pipeline.storage.duckdb-memory-limit=512MB} and runs an incremental run of the newest 14 days against an
 * in-process EIA. Prints the startup time with that history, parts read / parts total and keys loaded (from the
 * run's log line), the key-load time, the peaks of heap (sampled through Jolokia) and resident memory (VmHWM), and
 * the run's wall time. Targets: RSS at most 1.5 GB, key load at most 30 s. Needs target/*.jar (bench profile).
 */
public final class WindowedKeysBenchmark {

    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");
    private static final String PASSWORD = "bench-management-password";
    private static final String DATASET = "region-data";
    private static final int RESPONDENTS = 130;
    private static final int SERIES = RESPONDENTS * BenchRegionDataServer.TYPES.size();
    private static final int HISTORY_HOURS = 96_154;
    private static final int NEW_HOURS = 14 * 24;
    private static final int ROWS_PER_PART = 100_000;
    private static final Pattern KEY_LOAD = Pattern.compile(
            "loaded (\\d+) committed keys for the run's (\\d+) window\\(s\\) from (\\d+) of (\\d+) Parquet parts in (\\d+) ms");

    private WindowedKeysBenchmark() {}

    public static void main(String[] args) throws Exception {
        int lookBack = Frequency.HOURLY.defaultLookBack();
        // The seeded hours: the incremental run re-fetches from its newest stored hour less the look-back.
        int seeded = lookBack + 1;
        int hours = HISTORY_HOURS + seeded + NEW_HOURS;
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(hours - 1, ChronoUnit.HOURS);
        Path work = Files.createTempDirectory("eia-bench-50m-");
        List<String> respondents = IntStream.rangeClosed(1, RESPONDENTS)
                .mapToObj(i -> String.format("BA%03d", i))
                .toList();
        long started = System.nanoTime();
        long historyRows = writeHistory(work.resolve("data/raw").resolve(DATASET), firstHour);
        System.out.printf(
                "50M-row history: %,d raw rows (%d balancing authorities x 4 series x %,d hours) written as "
                        + "sorted Parquet by DuckDB in %.0f s%n",
                historyRows, RESPONDENTS, HISTORY_HOURS, (System.nanoTime() - started) / 1e9);

        try (BenchRegionDataServer eia =
                new BenchRegionDataServer(firstHour, hours, 100, Integer.MAX_VALUE, respondents)) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            // The first start of a freshly built jar pays for a cold page cache: start once before measuring.
            startup(http, command(eia, work.resolve("warm-up"), firstHour), work.resolve("warm-up.log"));
            double empty = startup(http, command(eia, work.resolve("empty"), firstHour), work.resolve("empty.log"));
            List<String> command = command(eia, work, firstHour);
            long launched = System.nanoTime();
            Process app = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("app.log").toFile())
                    .start();
            try {
                String base = "http://127.0.0.1:" + awaitPort(work.resolve("app.log"));
                awaitReady(http, base);
                double startup = (System.nanoTime() - launched) / 1e9;
                System.out.printf(
                        "  startup at -Xmx512m: ready after %.1f s with that history, %.1f s with an empty store (%.2f x; "
                                + "no key is loaded at start)%n",
                        startup, empty, startup / empty);

                // The look-back hours after the history, stored by the application itself so that their keys are real.
                String from = label(firstHour, HISTORY_HOURS);
                String to = label(firstHour, HISTORY_HOURS + seeded - 1);
                String seed =
                        post(http, base + "/refresh?wait=true&dataset=" + DATASET + "&start=" + from + "&end=" + to);
                expect(seed, "succeeded", (long) seeded * SERIES);

                AtomicLong heapPeak = new AtomicLong();
                AtomicLong rssPeak = new AtomicLong();
                Thread sampler = new Thread(() -> sample(http, base, app.pid(), heapPeak, rssPeak), "bench-sampler");
                sampler.setDaemon(true);
                sampler.start();
                long runStarted = System.nanoTime();
                String run = post(http, base + "/refresh?wait=true&dataset=" + DATASET);
                double runSeconds = (System.nanoTime() - runStarted) / 1e9;
                sampler.interrupt();
                sampler.join();
                expect(run, "succeeded", (long) NEW_HOURS * SERIES);

                Matcher load = lastKeyLoad(work.resolve("app.log"));
                long hwm = status(app.pid(), "VmHWM:");
                System.out.printf(
                        "  incremental run of the newest 14 days (%,d new rows, %d hours again for the look-back): "
                                + "%.1f s wall%n",
                        (long) NEW_HOURS * SERIES, seeded, runSeconds);
                System.out.printf(
                        "  key load: %s keys from %s of %s Parquet parts in %.1f s (target <= 30 s)%n",
                        String.format("%,d", Long.parseLong(load.group(1))),
                        load.group(3),
                        load.group(4),
                        Long.parseLong(load.group(5)) / 1000.0);
                System.out.printf(
                        "  peaks during the run: heap %d MB (max 512 MB), resident %d MB; process resident peak "
                                + "(VmHWM, startup and seeding included) %d MB (target <= 1536 MB)%n",
                        heapPeak.get() >> 20, rssPeak.get() >> 20, hwm >> 20);
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
        if (Boolean.getBoolean("bench.keep")) {
            System.out.println("  (kept " + work + ")");
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The committed history: one run folder of parts of 100,000 rows in period order (hour, then series), as the
     * pipeline writes them, with a manifest that records each part's period range and a backfill from the first hour.
     * Fingerprints are DuckDB hashes: no run compares them (the incremental run's windows start after the history).
     */
    private static long writeHistory(Path datasetDir, Instant firstHour) throws Exception {
        Path run = datasetDir.resolve("run=20150101T000000000Z");
        Path parts = datasetDir.resolve("_bench");
        Files.createDirectories(run);
        long rows = (long) HISTORY_HOURS * SERIES;
        long first = firstHour.getEpochSecond();
        try (DuckDb duckDb = new DuckDb();
                Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT to_timestamp(" + first + " + (i // " + SERIES + ") * 3600) AS period,"
                    + " printf('BA%03d', (i % " + SERIES + ") // 4 + 1) AS respondent,"
                    + " printf('BA%03d balancing authority', (i % " + SERIES + ") // 4 + 1) AS respondent_name,"
                    + " ['D', 'DF', 'NG', 'TI'][(i % 4) + 1] AS type,"
                    + " (20000 + ((i // " + SERIES + ") * 31 + (i % " + SERIES + ") * 977) % 9000)::DOUBLE AS value,"
                    + " strftime(to_timestamp(" + first + " + (i // " + SERIES
                    + ") * 3600) AT TIME ZONE 'UTC', '%Y-%m-%dT%H') AS period_label,"
                    + " '20150101T000000000Z' AS _run_id, (hash(i) >> 1)::BIGINT AS _row_fp, (hash(i, 'k') >> 1)::BIGINT AS _key_fp,"
                    + " i // " + ROWS_PER_PART + " AS _part"
                    + " FROM range(0, " + rows + ") t(i)) TO " + DuckDb.literal(parts)
                    + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (_part))");
        }
        StringBuilder manifest = new StringBuilder("{\"run_id\":\"20150101T000000000Z\",\"dataset\":\"" + DATASET
                + "\",\"committed_at\":\"2015-01-01T00:00:00.000Z\",\"rows\":" + rows
                + ",\"revisions\":0,\"period_min\":\""
                + label(firstHour, 0) + "\",\"period_max\":\"" + label(firstHour, HISTORY_HOURS - 1)
                + "\",\"parts\":[");
        int count = (int) ((rows + ROWS_PER_PART - 1) / ROWS_PER_PART);
        for (int k = 0; k < count; k++) {
            Path folder = parts.resolve("_part=" + k);
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.sorted().toList();
            }
            if (files.size() != 1) {
                throw new IllegalStateException(folder + " holds " + files.size() + " files, expected 1");
            }
            String name = String.format("part-%05d.parquet", k + 1);
            Files.move(files.get(0), run.resolve(name));
            long firstRow = (long) k * ROWS_PER_PART;
            long lastRow = Math.min(rows, firstRow + ROWS_PER_PART) - 1;
            manifest.append(k == 0 ? "" : ",")
                    .append("{\"file\":\"")
                    .append(name)
                    .append("\",\"rows\":")
                    .append(lastRow - firstRow + 1)
                    .append(",\"bytes\":")
                    .append(Files.size(run.resolve(name)))
                    .append(",\"sha256\":\"\",\"period_min\":\"")
                    .append(label(firstHour, firstRow / SERIES))
                    .append("\",\"period_max\":\"")
                    .append(label(firstHour, lastRow / SERIES))
                    .append("\"}");
        }
        manifest.append("],\"fetch\":{\"kind\":\"backfill\",\"from\":\"")
                .append(label(firstHour, 0))
                .append("\"}}");
        Files.writeString(run.resolve("_manifest.json"), manifest);
        try (Stream<Path> files = Files.walk(parts)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return rows;
    }

    private static String label(Instant firstHour, long hour) {
        return Frequency.HOURLY
                .fromStored(firstHour.toEpochMilli() + hour * 3_600_000L, null)
                .label();
    }

    private static List<String> command(BenchRegionDataServer eia, Path work, Instant firstHour) {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx512m",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=0",
                "--pipeline.run-on-startup=false",
                "--pipeline.schedule.enabled=false",
                "--spring.security.user.password=" + PASSWORD,
                "--pipeline.eia.api-key=bench-key",
                "--pipeline.eia.base-url=" + eia.baseUrl(),
                "--pipeline.storage.duckdb-memory-limit=512MB",
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        String d = "--pipeline.datasets." + DATASET + ".";
        command.addAll(List.of(
                d + "route=electricity/rto/region-data",
                d + "frequency=hourly",
                d + "start=" + label(firstHour, 0),
                d + "data=value",
                d + "key=period,respondent,type",
                d + "fields.respondent=string",
                d + "fields.respondent-name=string",
                d + "fields.type=string",
                d + "fields.value=double"));
        return command;
    }

    /** Seconds from launch to readiness of the jar with {@code command}, which is stopped again. */
    private static double startup(HttpClient http, List<String> command, Path log) throws Exception {
        long launched = System.nanoTime();
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitReady(http, "http://127.0.0.1:" + awaitPort(log));
            return (System.nanoTime() - launched) / 1e9;
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static int awaitPort(Path log) throws Exception {
        Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(log)) {
                Matcher m = started.matcher(Files.readString(log));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the application did not start within 60 s; see " + log);
    }

    private static void awaitReady(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the application was not ready within 60 s");
    }

    private static String post(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void expect(String run, String status, long accepted) {
        if (!run.contains("\"status\":\"" + status + "\"") || !run.contains("\"rows_accepted\":" + accepted + ",")) {
            throw new IllegalStateException(
                    "expected a " + status + " run with " + accepted + " rows accepted: " + run);
        }
    }

    private static Matcher lastKeyLoad(Path log) throws IOException {
        Matcher m = KEY_LOAD.matcher(Files.readString(log));
        Matcher last = null;
        while (m.find()) {
            last = KEY_LOAD.matcher(m.group());
            last.find();
        }
        if (last == null) {
            throw new IllegalStateException("no key-load line in " + log);
        }
        return last;
    }

    /** Samples the server's used heap (Jolokia) and resident memory every 200 ms until interrupted. */
    private static void sample(HttpClient http, String base, long pid, AtomicLong heapPeak, AtomicLong rssPeak) {
        String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Pattern value = Pattern.compile("\"value\":(\\d+)");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String body = http.send(
                                HttpRequest.newBuilder(URI.create(base
                                                + "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage/used"))
                                        .header("Authorization", auth)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = value.matcher(body);
                if (m.find()) {
                    heapPeak.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                }
                rssPeak.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the next sample
            }
        }
    }

    /** A line of /proc/<pid>/status in bytes (VmRSS: now, VmHWM: the peak). */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return -1;
    }
}
