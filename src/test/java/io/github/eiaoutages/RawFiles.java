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

    private RawFiles() {
    }

    /** Every row of the committed raw Parquet of a dataset, ordered by period, facility, generator. */
    public static List<Map<String, Object>> committedRows(Path dataDir, String dataset) throws Exception {
        Path dir = dataDir.resolve("raw").resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> parts;
        try (Stream<Path> walk = Files.walk(dir)) {
            parts = walk.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("run=")).toList();
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        StringBuilder list = new StringBuilder();
        for (Path part : parts) {
            list.append(list.isEmpty() ? "" : ",").append('\'').append(part.toAbsolutePath()).append('\'');
        }
        return query("SELECT * FROM read_parquet([" + list + "], hive_partitioning = false) ORDER BY ALL");
    }

    public static List<Map<String, Object>> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
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
}
