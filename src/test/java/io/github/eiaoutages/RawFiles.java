package io.github.eiaoutages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads Parquet files back for assertions, with a DuckDB of the test's own. */
public final class RawFiles {

    private RawFiles() {}

    /** Every row of the committed raw Parquet of a dataset, ordered by period, facility, generator. */
    public static List<Map<String, Object>> committedRows(Path dataDir, String dataset) throws Exception {
        Path dir = dataDir.resolve("raw").resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> parts;
        try (Stream<Path> walk = Files.walk(dir)) {
            parts = walk.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("run="))
                    .toList();
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        StringBuilder list = new StringBuilder();
        for (Path part : parts) {
            list.append(list.isEmpty() ? "" : ",")
                    .append('\'')
                    .append(part.toAbsolutePath())
                    .append('\'');
        }
        return query("SELECT * FROM read_parquet([" + list + "], hive_partitioning = false) ORDER BY ALL");
    }

    /**
     * Writes a committed raw run of the generator dataset the way the ingest routes leave one
     * (run=<id>/part-00001.parquet + _manifest.json). {@code values}: SQL tuples of (period, facility,
     * facility_name, generator, capacity, outage, percent_outage).
     */
    public static void writeGeneratorRun(Path dataDir, String runId, String values) throws Exception {
        writeRun(
                dataDir,
                "generator-nuclear-outages",
                runId,
                "SELECT period::DATE AS period, facility, facility_name, generator,"
                        + " capacity::DOUBLE AS capacity, outage::DOUBLE AS outage, percent_outage::DOUBLE AS percent_outage, '"
                        + runId + "' AS _run_id, (hash(period, facility, generator, outage) >> 1)::BIGINT AS _row_fp, "
                        + "(hash(period, facility, generator) >> 1)::BIGINT AS _key_fp FROM (VALUES " + values
                        + ") AS t(period, facility, facility_name, generator, capacity, outage, percent_outage)");
    }

    /** Writes the rows of {@code select} as a committed raw run of any dataset. */
    public static void writeRun(Path dataDir, String dataset, String runId, String select) throws Exception {
        Path run = dataDir.resolve("raw").resolve(dataset).resolve("run=" + runId);
        Files.createDirectories(run);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + run.resolve("part-00001.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(run.resolve("_manifest.json"), "{}");
    }

    /** Runs a statement that answers no rows ({@code COPY ... TO}) in a DuckDB of the test's own. */
    public static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static List<Map<String, Object>> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * Committed generator rows in the EIA stub's own terms (EIA field names, EIA number text), for comparison with
     * what {@link EiaStub} served.
     */
    public static List<Map<String, String>> committedAsServed(Path dataDir, String dataset) throws Exception {
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> r : committedRows(dataDir, dataset)) {
            Map<String, String> row = new java.util.LinkedHashMap<>();
            row.put("period", r.get("period").toString());
            row.put("facility", (String) r.get("facility"));
            row.put("facilityName", (String) r.get("facility_name"));
            row.put("generator", (String) r.get("generator"));
            row.put("capacity", eiaNumber((Double) r.get("capacity")));
            row.put("outage", eiaNumber((Double) r.get("outage")));
            row.put("percentOutage", eiaNumber((Double) r.get("percent_outage")));
            rows.add(row);
        }
        return rows;
    }

    private static String eiaNumber(Double value) {
        return new java.math.BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
}
