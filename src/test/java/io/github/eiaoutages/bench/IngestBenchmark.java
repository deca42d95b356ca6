package io.github.eiaoutages.bench;

import io.github.eiaoutages.EiaOutagePipelineApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Ingest benchmarks, printed as figures (run with {@code mvn -Pbench -DskipTests verify}, see the README):
 *
 * <ol>
 *   <li>Throughput: 1,000,200 rows (300 generators x 3,334 days) from an in-process EIA with no latency into
 *       committed Parquet, end to end through the real routes, against the plain-library path on the same pages.
 *   <li>Concurrency: a 100-page backfill from an EIA that takes 1 s per page, at the default rate ceiling (4/s),
 *       sequential (1 request at a time) and at max-concurrent-requests=4.
 * </ol>
 */
public final class IngestBenchmark {

    private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        // Hadoop (under parquet-avro) registers its JVM shutdown hook on first use; started here, the hook's thread
        // keeps this class loader, not that of an embedded Tomcat stopped long before the JVM exits (which printed
        // a harmless but alarming "Illegal access: this web application instance has been stopped" at the end).
        org.apache.hadoop.util.ShutdownHookManager.get();
        boolean quick = List.of(args).contains("--quick");
        throughput();
        if (!quick) {
            concurrency();
        }
    }

    private static void throughput() throws Exception {
        int generators = 300;
        int days = 3334;
        try (BenchEiaServer eia = new BenchEiaServer(generators, FIRST_DAY, days, 0)) {
            Path work = Files.createTempDirectory("eia-bench-");
            LocalDate lastDay = FIRST_DAY.plusDays(days - 1);
            // Warm both paths on a small slice first, so neither pays for class loading and JIT in its figure.
            PlainLibraryIngest.run(
                    eia.baseUrl(), FIRST_DAY, 365, FIRST_DAY.plusDays(100), 5000, work.resolve("warm.parquet"));
            long started = System.nanoTime();
            long plainRows =
                    PlainLibraryIngest.run(eia.baseUrl(), FIRST_DAY, 365, lastDay, 5000, work.resolve("plain.parquet"));
            double plainRate = plainRows / seconds(started);
            System.out.printf(
                    "plain library (Jackson streaming + HashSet + Parquet ZSTD, 1 thread): %,d rows, %,.0f rows/s%n",
                    plainRows, plainRate);

            try (ConfigurableApplicationContext app =
                    start(eia.baseUrl(), work.resolve("warm-app"), 4, 1000, FIRST_DAY)) {
                refresh(app);
            }
            try (ConfigurableApplicationContext app = start(eia.baseUrl(), work.resolve("app"), 4, 1000, FIRST_DAY)) {
                System.gc();
                HeapSampler heap = new HeapSampler();
                long cpuBefore = cpuNanos();
                Map<?, ?> run = refresh(app);
                long cpu = cpuNanos() - cpuBefore;
                heap.stop();
                long rows = ((Number) run.get("rows_accepted")).longValue();
                double secs = ((Number) run.get("duration_ms")).doubleValue() / 1000;
                System.out.printf(
                        "pipeline (routes, idempotent consumer, Parquet parts, commit, model): %,d rows in %.1f s,"
                                + " %,.0f rows/s = %.2f x plain; peak heap %d MB of max %d MB%n",
                        rows,
                        secs,
                        rows / secs,
                        rows / secs / plainRate,
                        heap.peakMb(),
                        Runtime.getRuntime().maxMemory() >> 20);
                double modelSecs = ((Number) run.get("model_build_ms")).doubleValue() / 1000;
                System.out.printf(
                        "  of which the model build %.1f s; ingest to committed Parquet alone: %,.0f rows/s = %.2f x plain%n",
                        modelSecs, rows / (secs - modelSecs), rows / (secs - modelSecs) / plainRate);
                System.out.printf(
                        "  CPU %.1f s over %.1f s of wall time (%.1f cores busy, stub included)%n",
                        cpu / 1e9, secs, cpu / 1e9 / secs);
            }
        }
    }

    private static void concurrency() throws Exception {
        // 50 generators x 99 days = 4,950 rows per 99-day window = 10 pages of 500: 10 windows, 100 pages.
        try (BenchEiaServer eia = new BenchEiaServer(50, FIRST_DAY, 990, 1000)) {
            Path work = Files.createTempDirectory("eia-bench-concurrency-");
            double sequential = backfillSeconds(eia, work.resolve("sequential"), 1);
            double concurrent = backfillSeconds(eia, work.resolve("concurrent"), 4);
            System.out.printf(
                    "100-page backfill, 1 s per page, 4 requests/s ceiling: sequential %.1f s, "
                            + "4 concurrent %.1f s = %.2f x sequential%n",
                    sequential, concurrent, concurrent / sequential);
        }
    }

    private static double backfillSeconds(BenchEiaServer eia, Path work, int concurrency) throws Exception {
        try (ConfigurableApplicationContext app = startWindowed(eia.baseUrl(), work, concurrency)) {
            Map<?, ?> run = refresh(app);
            return ((Number) run.get("duration_ms")).doubleValue() / 1000;
        }
    }

    private static ConfigurableApplicationContext startWindowed(String baseUrl, Path work, int concurrency) {
        return new SpringApplicationBuilder(EiaOutagePipelineApplication.class)
                .run(args(
                                baseUrl,
                                work,
                                concurrency,
                                4,
                                FIRST_DAY,
                                "--pipeline.eia.page-size=500",
                                "--pipeline.datasets.generator-nuclear-outages.window-days=99")
                        .toArray(String[]::new));
    }

    private static ConfigurableApplicationContext start(
            String baseUrl, Path work, int concurrency, int rate, LocalDate start) {
        return new SpringApplicationBuilder(EiaOutagePipelineApplication.class)
                .run(args(baseUrl, work, concurrency, rate, start).toArray(String[]::new));
    }

    private static List<String> args(
            String baseUrl, Path work, int concurrency, int rate, LocalDate start, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--pipeline.run-on-startup=false",
                "--pipeline.schedule.enabled=false",
                "--pipeline.eia.api-key=bench-key",
                "--pipeline.eia.base-url=" + baseUrl,
                "--pipeline.eia.max-concurrent-requests=" + concurrency,
                "--pipeline.eia.requests-per-second=" + rate,
                "--pipeline.datasets.generator-nuclear-outages.start=" + start,
                "--pipeline.datasets.facility-nuclear-outages.start=" + start.plusYears(20),
                "--pipeline.datasets.us-nuclear-outages.start=" + start.plusYears(20),
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        args.addAll(List.of(extra));
        return args;
    }

    private static Map<?, ?> refresh(ConfigurableApplicationContext app) {
        String port = app.getEnvironment().getProperty("local.server.port");
        // The generator dataset alone: the others start in the future and would end their first run empty.
        Map<?, ?> run = RestClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/refresh?wait=true&dataset=generator-nuclear-outages")
                .retrieve()
                .body(Map.class);
        if (!"succeeded".equals(run.get("status"))) {
            throw new IllegalStateException("benchmark run failed: " + run);
        }
        return run;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Samples used heap every 20 ms: the peak the run needed, whatever the collector did in between. */
    static final class HeapSampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            thread = new Thread(
                    () -> {
                        Runtime runtime = Runtime.getRuntime();
                        while (running) {
                            peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakMb() {
            return peak >> 20;
        }
    }
}
