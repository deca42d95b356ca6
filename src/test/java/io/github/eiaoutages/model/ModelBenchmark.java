package io.github.eiaoutages.model;

import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Builds the star schema from 2,000,100 raw rows - 300 generators, every day of 2007-01-01 .. 2025-04-03
 * (6,667 days), stored as 20 parts of 100,005 rows as the pipeline writes them, plus a second run that revises
 * 1 % of the rows - and prints the seconds of each build and the JVM's peak heap. The first build has no
 * previous snapshot; the second carries plant keys over from the first, as every later build does.
 * The bench profile runs it with -Xmx1g.
 */
public final class ModelBenchmark {

    private static final int GENERATORS = 300;
    private static final int DAYS = 6_667;
    private static final int PARTS = 20;

    private ModelBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("eia-model-bench-");
        PipelineProperties properties = TestSettings.properties(work);
        Path raw = work.resolve("data/raw/generator-nuclear-outages");
        writeRawRuns(raw);

        try (DuckDb duckDb = new DuckDb()) {
            OutageModelBuilder builder = TestModels.builder(
                    properties,
                    duckDb,
                    new SnapshotPublisher(properties, new com.fasterxml.jackson.databind.ObjectMapper()));
            resetPeaks();
            for (int i = 1; i <= 3; i++) {
                long started = System.nanoTime();
                ModelBuild build = builder.build();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "model build %d: %,d raw rows -> %s in %.2f s (6 quality checks included, %s)%n",
                        i,
                        (long) GENERATORS * DAYS + GENERATORS * DAYS / 100,
                        build.rows(),
                        seconds,
                        build.degraded() ? "some FAILED" : "none failed");
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "peak JVM heap %d MB (max heap %d MB); DuckDB works outside the heap: peak process RSS %s%n",
                peakHeap() >> 20, rt.maxMemory() >> 20, peakRss());
    }

    /** Refueling outages of 30 days every 540 days, shifted per generator, and a one-day forced outage in ~1 % of days. */
    private static void writeRawRuns(Path raw) throws Exception {
        Path first = raw.resolve("run=20250101T000000000Z");
        Path revisions = raw.resolve("run=20250102T000000000Z");
        Files.createDirectories(first);
        Files.createDirectories(revisions);
        long rows = (long) GENERATORS * DAYS;
        long perPart = rows / PARTS;
        String select = "SELECT DATE '2007-01-01' + (i // " + GENERATORS + ")::INTEGER AS period,"
                + " (1000 + i % " + GENERATORS + " // 3)::VARCHAR AS facility,"
                + " 'Plant ' || (i % " + GENERATORS + " // 3) AS facility_name, (i % 3 + 1)::VARCHAR AS generator,"
                + " 1000.0 + (i % 7) AS capacity,"
                + " CASE WHEN ((i // " + GENERATORS + ") + (i % " + GENERATORS + ") * 37) % 540 < 30 THEN 1000.0"
                + "      WHEN hash(i) % 100 = 0 THEN 500.0 ELSE 0.0 END {revise} AS outage,"
                + " 0.0 AS percent_outage, '{run}' AS _run_id, (hash(i, {salt}) >> 1)::BIGINT AS _row_fp,"
                + " (hash(i) >> 1)::BIGINT AS _key_fp FROM range({from}, {to}) t(i)";
        try (DuckDb duckDb = new DuckDb();
                Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            for (int part = 0; part < PARTS; part++) {
                long from = part * perPart;
                long to = part == PARTS - 1 ? rows : from + perPart;
                s.execute("COPY (" + rows(select, "", "20250101T000000000Z", 1, from, to) + ") TO '"
                        + first.resolve(String.format("part-%05d.parquet", part + 1))
                        + "' (FORMAT parquet, COMPRESSION zstd)");
            }
            s.execute("COPY (" + rows(select, "+ 100.0", "20250102T000000000Z", 2, 0, rows) + " WHERE i % 100 = 7) TO '"
                    + revisions.resolve("part-00001.parquet") + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        Files.writeString(first.resolve("_manifest.json"), "{}");
        Files.writeString(revisions.resolve("_manifest.json"), "{}");
    }

    private static String rows(String select, String revise, String run, int salt, long from, long to) {
        return select.replace("{revise}", revise)
                .replace("{run}", run)
                .replace("{salt}", Integer.toString(salt))
                .replace("{from}", Long.toString(from))
                .replace("{to}", Long.toString(to));
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Linux's high-water mark of resident memory, heap and DuckDB together. */
    private static String peakRss() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .map(l -> (Long.parseLong(l.replaceAll("\\D", "")) >> 10) + " MB")
                .findFirst()
                .orElse("unknown");
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
