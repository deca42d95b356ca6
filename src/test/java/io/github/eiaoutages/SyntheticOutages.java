package io.github.eiaoutages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Raw generator rows as the pipeline stores them, made up in bulk for tests and benchmarks that need a big model:
 * plants of 3 units named "Plant 0", "Plant 1", ... (facility 1000 + n), one row per generator and day from
 * 2007-01-01 (or a given first day), and a generator out on a day when a hash of (generator, day) falls in the lower
 * 40 % - runs of one to a few days, about 0.24 events per generator and day.
 */
public final class SyntheticOutages {

    private SyntheticOutages() {}

    public static void writeRaw(Path dataDir, int generators, int days) throws Exception {
        writeRaw(dataDir, generators, LocalDate.of(2007, 1, 1), days, "20250101T000000000Z");
    }

    /**
     * {@code generators} x {@code days} generator-days from {@code firstDay}, as the committed raw run {@code runId}
     * (a second run beside another one, e.g. the bundled sample's, when the ids differ).
     */
    public static void writeRaw(Path dataDir, int generators, LocalDate firstDay, int days, String runId)
            throws Exception {
        Path run = dataDir.resolve("raw/generator-nuclear-outages/run=" + runId);
        Files.createDirectories(run);
        Files.writeString(dataDir.resolve("raw/_source"), "live\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT DATE '" + firstDay + "' + (i // " + generators + ")::INTEGER AS period,"
                    + " (1000 + i % " + generators + " // 3)::VARCHAR AS facility,"
                    + " 'Plant ' || (i % " + generators + " // 3) AS facility_name, (i % 3 + 1)::VARCHAR AS generator,"
                    + " 1000.0 AS capacity,"
                    + " CASE WHEN hash(i % " + generators + ", i // " + generators
                    + ") % 5 < 2 THEN 100.0 + hash(i) % 900"
                    + " ELSE 0.0 END AS outage,"
                    + " 0.0 AS percent_outage, '" + runId + "' AS _run_id, (hash(i, 1) >> 1)::BIGINT AS _row_fp,"
                    + " (hash(i) >> 1)::BIGINT AS _key_fp FROM range(0, " + (long) generators * days + ") t(i)) TO '"
                    + run.resolve("part-00001.parquet") + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        Files.writeString(run.resolve("_manifest.json"), "{}");
    }
}
