package io.github.eiaoutages.serve;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.NoModelYetException;
import io.github.eiaoutages.model.OutageModelBuilder;
import io.github.eiaoutages.model.Snapshot;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.model.SnapshotUnreadableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * GET /analytics/national: U.S. nuclear capacity and capacity out per day, from the us-level dataset
 * (pipeline.model.national-totals), which EIA computes over every reactor - the dashboard's line chart. Read from the
 * published snapshot (national_daily.parquet, written by the model build), like every other answer of the API.
 */
@Component("nationalSeries")
public class NationalSeries {

    private final DuckDb duckDb;
    private final SnapshotPublisher publisher;
    private final String dataset;

    public NationalSeries(DuckDb duckDb, SnapshotPublisher publisher, PipelineProperties properties) {
        this.duckDb = duckDb;
        this.publisher = publisher;
        this.dataset = properties.model().nationalTotals();
    }

    /** The series of the published snapshot, in a date range, with the snapshot's id. */
    public Map<String, Object> daily(Map<String, Object> headers) {
        DateRange range = DateRange.from(new RequestParameters(headers));
        Snapshot snapshot = publisher.current().orElseThrow(NoModelYetException::new);
        publisher.unreadable(snapshot).ifPresent(reason -> {
            throw new SnapshotUnreadableException(snapshot.id(), reason);
        });
        Path file = snapshot.table(OutageModelBuilder.NATIONAL);
        if (!Files.exists(file)) {
            throw new NoModelYetException("Model snapshot " + snapshot.id() + " has no national series: the national "
                    + "dataset (pipeline.model.national-totals = " + dataset
                    + ") had no rows when it was built; the next "
                    + "model build after its first run adds it");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = duckDb.connect();
                PreparedStatement s = c.prepareStatement(
                        duckDb.sql("serve/national_daily.sql").replace("{{file}}", DuckDb.literal(file)))) {
            s.setObject(1, range.start() == null ? null : Date.valueOf(range.start()));
            s.setObject(2, range.end() == null ? null : Date.valueOf(range.end()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("period", rs.getString(1));
                    row.put("capacity_mw", rs.getObject(2));
                    row.put("outage_mw", rs.getObject(3));
                    row.put("percent_outage", rs.getObject(4));
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            // The query is fixed and its parameters checked: a failure is the file's.
            String reason = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse(e.toString());
            publisher.markUnreadable(snapshot, reason);
            throw new SnapshotUnreadableException(snapshot.id(), reason);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", dataset);
        body.put("start_date", range.start() == null ? null : range.start().toString());
        body.put("end_date", range.end() == null ? null : range.end().toString());
        body.put("snapshot", snapshot.id());
        body.put("data", rows);
        return body;
    }
}
