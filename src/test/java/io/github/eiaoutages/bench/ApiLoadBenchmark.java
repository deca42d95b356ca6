package io.github.eiaoutages.bench;

import io.github.eiaoutages.SyntheticOutages;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the packaged application: a model of over 500,000 outage events (500 generators x 4,400 days, outages
 * on ~40 % of days), then 32 clients for 30 s (after 90 s of warm-up) running a mix of /data filters and sorts
 * (70 %) and analytics (30 %). The warm-up is long because on 2 cores the JIT compiler competes with the load for
 * the CPU: the server reaches its steady rate after about a minute, and the warm-up prints that climb. Prints p50/p99/max and requests/s per kind, and the server's heap after a forced
 * GC before and after the load plus its resident memory. Run by the bench profile; needs target/*.jar.
 */
public final class ApiLoadBenchmark {

    private static final int CLIENTS = 32;
    private static final int WARMUP_SECONDS = 90;
    private static final int WARMUP_STEP_SECONDS = 15;
    private static final int SECONDS = 30;
    private static final String PASSWORD = "bench-management-password";
    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");
    private static String fixedPath;

    private ApiLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].startsWith("http")) {
            // Load only, against an application already running (e.g. with a profiler attached), with the mix or
            // with one path given as the second argument.
            fixedPath = args.length > 1 ? args[1] : null;
            Map<String, LongArrayList> latencies = load(HttpClient.newHttpClient(), args[0], 15);
            latencies.forEach((kind, values) -> {
                long[] sorted = values.toLongArray();
                java.util.Arrays.sort(sorted);
                System.out.printf(
                        "%s %d requests, %.0f req/s, p50 %.1f ms, p99 %.1f ms%n",
                        kind, sorted.length, sorted.length / 15.0, ms(sorted, 0.5), ms(sorted, 0.99));
            });
            return;
        }
        if (args.length == 2 && args[0].equals("--prepare")) {
            // Only the model, in a folder of one's choice, for a server started by hand (e.g. with a profiler).
            Path work = Files.createDirectories(Path.of(args[1]));
            prepare(work);
            System.out.printf(
                    "model in %s: start the jar with --pipeline.storage.data-dir=%s/data"
                            + " --pipeline.storage.modeled-dir=%s/modeled%n",
                    work, work, work);
            return;
        }
        Path work = Files.createTempDirectory("eia-load-bench-");
        prepare(work);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process app = run(
                List.of(
                        "--server.port=" + port,
                        "--pipeline.run-on-startup=false",
                        "--pipeline.schedule.enabled=false"),
                work,
                "app.log");
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            awaitUp(client, base);
            String events = get(client, base + "/data?limit=1").replaceAll("(?s).*\"total\":(\\d+).*", "$1");
            System.out.printf("model: %s outage events%n", events);
            for (int step = 0; step < WARMUP_SECONDS / WARMUP_STEP_SECONDS; step++) {
                long[] data =
                        load(client, base, WARMUP_STEP_SECONDS).get("/data").toLongArray();
                java.util.Arrays.sort(data);
                System.out.printf(
                        "warm-up %3d-%3d s: /data %,6.0f req/s, p99 %5.1f ms%n",
                        step * WARMUP_STEP_SECONDS,
                        (step + 1) * WARMUP_STEP_SECONDS,
                        data.length / (double) WARMUP_STEP_SECONDS,
                        ms(data, 0.99));
            }
            long heapBefore = heapAfterGc(client, base);
            long rssBefore = rss(app.pid());
            Map<String, LongArrayList> latencies = load(client, base, SECONDS);
            long heapAfter = heapAfterGc(client, base);
            long rssAfter = rss(app.pid());
            long total = 0;
            for (Map.Entry<String, LongArrayList> kind : new java.util.TreeMap<>(latencies).entrySet()) {
                long[] sorted = kind.getValue().toLongArray();
                java.util.Arrays.sort(sorted);
                total += sorted.length;
                System.out.printf(
                        "%-10s %,7d requests  %,6.0f req/s  p50 %5.1f ms  p99 %5.1f ms  max %6.1f ms%n",
                        kind.getKey(),
                        sorted.length,
                        sorted.length / (double) SECONDS,
                        ms(sorted, 0.50),
                        ms(sorted, 0.99),
                        sorted[sorted.length - 1] / 1e6);
            }
            System.out.printf(
                    "all        %,7d requests  %,6.0f req/s  (%d clients, %d s)%n",
                    total, total / (double) SECONDS, CLIENTS, SECONDS);
            System.out.printf(
                    "server heap after GC: %d MB before the load, %d MB after; resident memory %d MB -> %d MB%n",
                    heapBefore >> 20, heapAfter >> 20, rssBefore >> 20, rssAfter >> 20);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    /** CLIENTS threads for {@code seconds}; latencies in ns by kind of request. */
    private static Map<String, LongArrayList> load(HttpClient client, String base, int seconds)
            throws InterruptedException {
        Map<String, LongArrayList> latencies = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(c);
            URI server = URI.create(base);
            Thread thread = new Thread(() -> {
                Map<String, LongArrayList> mine = new java.util.HashMap<>();
                KeepAliveClient connection = new KeepAliveClient(server.getHost(), server.getPort());
                while (System.nanoTime() < end) {
                    String[] request = request(random);
                    long started = System.nanoTime();
                    try {
                        if (connection.get(request[1]) != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    mine.computeIfAbsent(request[0], k -> new LongArrayList()).add(System.nanoTime() - started);
                }
                connection.close();
                mine.forEach((kind, values) -> latencies.merge(kind, values, (a, b) -> {
                    synchronized (a) {
                        a.addAll(b);
                    }
                    return a;
                }));
                done.countDown();
            });
            thread.start();
        }
        done.await();
        if (errors.get() > 0) {
            System.out.printf("%d requests failed or did not answer 200%n", errors.get());
        }
        return latencies;
    }

    /** The mix: 70 % /data (default page, filters, sorts, deep pages), 30 % analytics and plants. */
    private static String[] request(Random random) {
        if (fixedPath != null) {
            return new String[] {fixedPath, fixedPath};
        }
        int pick = random.nextInt(100);
        int year = 2008 + random.nextInt(12);
        if (pick < 15) {
            return new String[] {"/data", "/data?limit=100&page=" + (1 + random.nextInt(50))};
        }
        if (pick < 30) {
            return new String[] {"/data", "/data?facility_id=" + (1000 + random.nextInt(167)) + "&sort=-start_date"};
        }
        if (pick < 40) {
            return new String[] {"/data", "/data?plant_name=plant%20" + random.nextInt(167) + "&min_duration_hours=48"};
        }
        if (pick < 55) {
            return new String[] {
                "/data", "/data?start_date=" + year + "-01-01&end_date=" + year + "-03-31&sort=-energy_lost_mwh"
            };
        }
        if (pick < 62) {
            return new String[] {"/data", "/data?ongoing=true&sort=duration_hours"};
        }
        if (pick < 70) {
            return new String[] {
                "/data",
                "/data?generator=" + (1 + random.nextInt(3)) + "&sort=-peak_outage_mw&page=" + (1 + random.nextInt(20))
            };
        }
        if (pick < 82) {
            String metric = List.of("outage_hours", "energy_lost_mwh", "events").get(random.nextInt(3));
            return new String[] {
                "analytics",
                "/analytics/top-plants?metric=" + metric + "&start_date=" + year + "-01-01&end_date=" + (year + 2)
                        + "-12-31"
            };
        }
        if (pick < 94) {
            return new String[] {
                "analytics", "/analytics/monthly?start_date=" + year + "-01-01&end_date=" + (year + 3) + "-12-31"
            };
        }
        return new String[] {"analytics", "/plants?name=plant%20" + random.nextInt(167)};
    }

    private static void prepare(Path work) throws Exception {
        // 500 generators (167 plants of 3 units) x 4,400 days: over 500,000 events.
        SyntheticOutages.writeRaw(work.resolve("data"), 500, 4400);
        if (run(List.of("--pipeline.mode=model-once"), work, "model-once.log").waitFor() != 0) {
            throw new IllegalStateException("model-once failed; see " + work.resolve("model-once.log"));
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static Process run(List<String> args, Path work, String log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx1g",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--pipeline.eia.api-key=bench-key",
                "--pipeline.eia.base-url=http://127.0.0.1:9/v2",
                "--spring.security.user.password=" + PASSWORD,
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static void awaitUp(HttpClient client, String base) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(base + "/data?limit=1"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the application did not answer /data within 2 minutes");
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The server's used heap after a full GC, through Jolokia with the management login. */
    private static long heapAfterGc(HttpClient client, String base) throws IOException, InterruptedException {
        String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        client.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/jolokia/exec/java.lang:type=Memory/gc"))
                        .header("Authorization", auth)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String body = client.send(
                        HttpRequest.newBuilder(URI.create(
                                        base + "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage/used"))
                                .header("Authorization", auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("\"value\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("Jolokia did not report the heap: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return -1;
    }
}
