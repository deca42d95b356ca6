package io.github.eiaoutages.sample;

import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The bundled sample's generator-days (27 real reactors from 2024-01-01, refuelings, forced outages, derates, a plant
 * that first appears in outage) written straight into a raw store as one committed run, without the EIA emulator
 * and the ingest routes: for tests that need the README's plants in a model built without Spring.
 */
public final class SampleRawRun {

    private SampleRawRun() {}

    /**
     * Writes every sample generator-day up to and including {@code lastDay} as {@code
     * <dataDir>/raw/generator-nuclear-outages/run=<runId>/part-00001.parquet} with its {@code _manifest.json}. The
     * days are the sample API's for that day, so a fixed {@code lastDay} gives the same rows on every run.
     *
     * @return the number of generator-days written
     */
    public static int write(DuckDb duckDb, Path dataDir, String runId, LocalDate lastDay) throws Exception {
        Path run = dataDir.resolve("raw/generator-nuclear-outages/run=" + runId);
        Files.createDirectories(run);
        int rows = 0;
        try (Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE sample_days (period DATE, facility VARCHAR, facility_name VARCHAR,"
                    + " generator VARCHAR, capacity DOUBLE, outage DOUBLE, percent_outage DOUBLE)");
            try (DuckDBAppender appender = ((DuckDBConnection) c).createAppender("temp", "main", "sample_days")) {
                for (SampleOutageData.Day day : SampleOutageData.generatorDays(lastDay)) {
                    appender.beginRow()
                            .append(day.period())
                            .append(day.facility())
                            .append(day.facilityName())
                            .append(day.generator())
                            .append(day.capacity())
                            .append(day.outage())
                            .append((double) day.percentOutage())
                            .endRow();
                    rows++;
                }
            }
            s.execute(duckDb.sql("testdata/sample_raw_run.sql")
                    .replace("{{run_id}}", "'" + runId.replace("'", "''") + "'")
                    .replace("{{part}}", DuckDb.literal(run.resolve("part-00001.parquet"))));
        }
        Files.writeString(run.resolve("_manifest.json"), "{}");
        return rows;
    }
}
