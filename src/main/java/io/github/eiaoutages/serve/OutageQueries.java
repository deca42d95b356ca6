package io.github.eiaoutages.serve;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.NoModelYetException;
import io.github.eiaoutages.model.Snapshot;
import io.github.eiaoutages.model.SnapshotPublisher;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Answers the data endpoints from the published model, one snapshot per request, parameters bound. */
@Component("outageQueries")
public class OutageQueries {

    private final DuckDb duckDb;
    private final SnapshotPublisher snapshots;

    public OutageQueries(DuckDb duckDb, SnapshotPublisher snapshots) {
        this.duckDb = duckDb;
        this.snapshots = snapshots;
    }

    public DataPage data(Map<String, Object> headers) {
        DataQuery query = DataQuery.from(headers);
        Snapshot snapshot = snapshots.current().orElseThrow(NoModelYetException::new);
        try {
            return data(query, snapshot);
        } catch (IllegalStateException e) {
            // Two rebuilds during one read can prune the snapshot being read: read the newest one instead.
            if (java.nio.file.Files.isDirectory(snapshot.dir())) {
                throw e;
            }
            return data(query, snapshots.current().orElseThrow(NoModelYetException::new));
        }
    }

    private DataPage data(DataQuery query, Snapshot snapshot) {
        String events = duckDb.sql("serve/outage_events.sql")
                .replace("{{fact_outage}}", DuckDb.literal(snapshot.table("fact_outage")))
                .replace("{{dim_plant}}", DuckDb.literal(snapshot.table("dim_plant")))
                .replace("{{dim_date}}", DuckDb.literal(snapshot.table("dim_date")));
        try (Connection c = duckDb.connect()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM (" + events + ")")) {
                bindFilters(count, query);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Map<String, Object>> rows;
            try (PreparedStatement page = c.prepareStatement(
                    "SELECT * FROM (" + events + ") ORDER BY start_date, outage_id LIMIT ? OFFSET ?")) {
                int next = bindFilters(page, query);
                page.setInt(next, query.limit());
                page.setLong(next + 1, query.offset());
                try (ResultSet rs = page.executeQuery()) {
                    rows = rows(rs);
                }
            }
            return new DataPage(query.page(), query.limit(), total, snapshot.id(), rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Query of snapshot " + snapshot.id() + " failed: " + e.getMessage(), e);
        }
    }

    private static int bindFilters(PreparedStatement statement, DataQuery query) throws SQLException {
        statement.setObject(1, query.startDate() == null ? null : Date.valueOf(query.startDate()));
        statement.setObject(2, query.endDate() == null ? null : Date.valueOf(query.endDate()));
        statement.setString(3, query.facilityId());
        return 4;
    }

    /** Rows as JSON-ready maps: column names are already snake_case; dates and times as ISO-8601 text. */
    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), json(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object json(Object value) {
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp ts) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ts.toLocalDateTime());
        }
        if (value instanceof LocalDateTime time) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        return value;
    }
}
