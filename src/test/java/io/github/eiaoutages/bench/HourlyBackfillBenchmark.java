package io.github.eiaoutages.bench;

import io.github.eiaoutages.EiaOutagePipelineApplication;
import io.github.eiaoutages.period.Frequency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A 2-year hourly backfill of EIA-930 region data for 5 balancing authorities x 4 series (350,400 rows, 73 pages
 * of 5,000 in 25 windows of 720 hours) from an EIA that takes 1 s per page, at the defaults (4 requests/s, 8 windows
 * at a time). Printed: the wall time against the rate floor (pages / requests-per-second), the requests,
 * the same backfill one request at a time, and the same against a gateway that allows only 3 requests a second
 * (429 beyond it). Run with {@code mvn -B -Pbench -DskipTests verify} (see the README).
 */
public final class HourlyBackfillBenchmark {

    private static final int HOURS = 2 * 8760;
    private static final int RATE = 4;

    private HourlyBackfillBenchmark() {}

    public static void main(String[] args) throws Exception {
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(HOURS, ChronoUnit.HOURS);
        Path work = Files.createTempDirectory("eia-bench-hourly-");
        double concurrent;
        int pages;
        try (BenchRegionDataServer eia = new BenchRegionDataServer(firstHour, HOURS, 1000, Integer.MAX_VALUE)) {
            concurrent = backfill(eia, firstHour, work.resolve("concurrent"), null);
            pages = eia.pages();
            double floor = (double) pages / RATE;
            System.out.printf(
                    "hourly backfill, 2 years x 5 balancing authorities x 4 series = %,d rows, %d pages, EIA at "
                            + "1 s per page, the defaults (ceiling %d/s, 8 windows at a time): %.1f s = %.2f x the rate floor (%d pages / %d per s "
                            + "= %.1f s)%n",
                    eia.rows(), pages, RATE, concurrent, concurrent / floor, pages, RATE, floor);
        }
        try (BenchRegionDataServer eia = new BenchRegionDataServer(firstHour, HOURS, 1000, Integer.MAX_VALUE)) {
            double sequential = backfill(eia, firstHour, work.resolve("sequential"), 1);
            System.out.printf(
                    "  the same one request at a time: %.1f s (%.2f x the concurrent backfill's time)%n",
                    sequential, sequential / concurrent);
        }
        try (BenchRegionDataServer eia = new BenchRegionDataServer(firstHour, HOURS, 1000, 3)) {
            double limited = backfill(eia, firstHour, work.resolve("rate-limited"), null);
            System.out.printf(
                    "  the same against a gateway allowing 3 requests/s (429 + Retry-After: 1 beyond): finished in "
                            + "%.1f s after %d refused requests (%.2f x the rate floor of 3/s, %.1f s)%n",
                    limited, eia.refused(), limited / (pages / 3.0), pages / 3.0);
        }
    }

    /** Seconds the backfill took, checked to have stored every row. */
    private static double backfill(BenchRegionDataServer eia, Instant firstHour, Path work, Integer concurrency) {
        String first =
                Frequency.HOURLY.fromStored(firstHour.toEpochMilli(), null).label();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--pipeline.run-on-startup=false",
                "--pipeline.schedule.enabled=false",
                "--pipeline.eia.api-key=bench-key",
                "--pipeline.eia.base-url=" + eia.baseUrl(),
                "--pipeline.eia.requests-per-second=" + RATE,
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        if (concurrency != null) {
            args.add("--pipeline.eia.max-concurrent-requests=" + concurrency);
        }
        String d = "--pipeline.datasets.region-data.";
        args.addAll(List.of(
                d + "route=electricity/rto/region-data",
                d + "frequency=hourly",
                d + "start=" + first,
                d + "data=value",
                d + "facets.respondent=" + String.join(",", BenchRegionDataServer.RESPONDENTS),
                d + "key=period,respondent,type",
                d + "fields.respondent=string",
                d + "fields.respondent-name=string",
                d + "fields.type=string",
                d + "fields.value=double"));
        try (ConfigurableApplicationContext app =
                new SpringApplicationBuilder(EiaOutagePipelineApplication.class).run(args.toArray(String[]::new))) {
            String port = app.getEnvironment().getProperty("local.server.port");
            long started = System.nanoTime();
            Map<?, ?> run = RestClient.create("http://127.0.0.1:" + port)
                    .post()
                    .uri("/refresh?wait=true&dataset=region-data")
                    .retrieve()
                    .body(Map.class);
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = ((Number) run.get("rows_accepted")).longValue();
            if (!"succeeded".equals(run.get("status")) || stored != eia.rows()) {
                throw new IllegalStateException(
                        "benchmark backfill stored " + stored + " of " + eia.rows() + " rows: " + run);
            }
            return seconds;
        }
    }
}
