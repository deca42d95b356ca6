package io.github.eiaoutages.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.Snapshot;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
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

    private final DuckDb duckDb;

    public TablePreview(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    /**
     * The preview of {@code POST /refresh?wait=true&preview=true}: the snapshot's id and the first rows of each table.
     * A row is the table's own columns by name (dates {@code YYYY-MM-DD}, timestamps with seconds), as they are in
     * the snapshot: the star schema section of the README lists them, and a new column shows here without a change.
     * All members are absent when there is no snapshot to show ({@code {}}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(
            String snapshot,

            @ArraySchema(schema = @Schema(type = "object", additionalProperties = AdditionalPropertiesValue.TRUE))
            List<Map<String, Object>> dimPlant,

            @ArraySchema(schema = @Schema(type = "object", additionalProperties = AdditionalPropertiesValue.TRUE))
            List<Map<String, Object>> dimDate,

            @ArraySchema(schema = @Schema(type = "object", additionalProperties = AdditionalPropertiesValue.TRUE))
            List<Map<String, Object>> factOutage) {

        /** No snapshot to show. */
        static final Preview NONE = new Preview(null, null, null, null);
    }

    /**
     * The first {@code rows} rows of dim_plant, dim_date and fact_outage of {@code snapshot}, in key order.
     *
     * @throws IllegalStateException when the snapshot's files cannot be read
     */
    Preview head(Snapshot snapshot, int rows) {
        try (Connection c = duckDb.connect()) {
            return new Preview(
                    snapshot.id(),
                    rows(c, snapshot, "dim_plant", rows),
                    rows(c, snapshot, "dim_date", rows),
                    rows(c, snapshot, "fact_outage", rows));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read snapshot " + snapshot.id() + " for the preview: " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> rows(Connection c, Snapshot snapshot, String table, int rows)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                duckDb.sql("serve/table_head.sql").replace("{{table}}", DuckDb.literal(snapshot.table(table))))) {
            s.setInt(1, rows);
            try (ResultSet rs = s.executeQuery()) {
                return rows(rs);
            }
        }
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
