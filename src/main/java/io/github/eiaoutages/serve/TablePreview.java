package io.github.eiaoutages.serve;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.Snapshot;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The first rows of each modeled table of a snapshot, in key order: what a refresh with preview=true shows. */
@Component
public class TablePreview {

    private static final List<String> TABLES = List.of("dim_plant", "dim_date", "fact_outage");

    private final DuckDb duckDb;

    public TablePreview(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    Map<String, Object> head(Snapshot snapshot, int rows) {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("snapshot", snapshot.id());
        try (Connection c = duckDb.connect()) {
            for (String table : TABLES) {
                try (PreparedStatement s = c.prepareStatement(duckDb.sql("serve/table_head.sql")
                        .replace("{{table}}", DuckDb.literal(snapshot.table(table))))) {
                    s.setInt(1, rows);
                    try (ResultSet rs = s.executeQuery()) {
                        preview.put(table, rows(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read snapshot " + snapshot.id() + " for the preview: " + e.getMessage(), e);
        }
        return preview;
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                if (value instanceof Date date) {
                    value = date.toLocalDate().toString();
                } else if (value instanceof Timestamp ts) {
                    // With seconds, as /data writes its timestamps (toString drops ":00" seconds).
                    value = ts.toLocalDateTime().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                }
                row.put(meta.getColumnLabel(i), value);
            }
            rows.add(row);
        }
        return rows;
    }
}
