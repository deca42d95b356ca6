package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Startup cost of the idempotent repository: rebuild it from 2,000,000 committed raw rows (20 parts of 100,000,
 * as the pipeline writes them) and print the seconds and the heap it holds. Run with -Xmx300m (the bench profile
 * does) to show it fits.
 */
public final class KeyRebuildBenchmark {

    private KeyRebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("eia-key-bench-");
        PipelineProperties properties = TestSettings.properties(work);
        Path run = work.resolve("data/raw/generator-nuclear-outages/run=20250101T000000000Z");
        Files.createDirectories(run);
        try (DuckDb duckDb = new DuckDb(); Connection c = duckDb.connect(); Statement s = c.createStatement()) {
            for (int part = 0; part < 20; part++) {
                s.execute("COPY (SELECT DATE '2007-01-01' + (i // 300)::INTEGER AS period, (1000 + i % 300 // 3)::VARCHAR AS facility,"
                        + " 'Plant' AS facility_name, (i % 3 + 1)::VARCHAR AS generator, 1000.0 AS capacity, 0.0 AS outage,"
                        + " 0.0 AS percent_outage, 'r' AS _run_id, (hash(i) >> 1)::BIGINT AS _row_fp, (hash(i, 'k') >> 1)::BIGINT AS _key_fp"
                        + " FROM range(" + part * 100_000L + ", " + (part + 1) * 100_000L + ") t(i)) TO '"
                        + run.resolve(String.format("part-%05d.parquet", part + 1)) + "' (FORMAT parquet, COMPRESSION zstd)");
            }
        }
        Files.writeString(run.resolve("_manifest.json"), "{}");

        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        try (DuckDb duckDb = new DuckDb()) {
            RawKeyRepository keys = new RawKeyRepository();
            long started = System.nanoTime();
            new RawStore(properties, new DatasetCatalog(properties), keys, duckDb, new ObjectMapper()).recover();
            keys.committedCount(); // the rebuild runs when first needed
            double seconds = (System.nanoTime() - started) / 1e9;
            System.gc();
            long held = rt.totalMemory() - rt.freeMemory() - before;
            System.out.printf("idempotent repository rebuilt from %,d committed rows in %.2f s; it holds %d MB of heap "
                    + "(max heap %d MB)%n", keys.committedCount(), seconds, held >> 20, rt.maxMemory() >> 20);
        }
    }
}
