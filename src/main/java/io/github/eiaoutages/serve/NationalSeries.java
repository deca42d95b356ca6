package io.github.eiaoutages.serve;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.NoModelYetException;
import io.github.eiaoutages.raw.RawStore;
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
 * (pipeline.model.national-totals), which EIA computes over every reactor - the dashboard's line chart.
 */
@Component("nationalSeries")
public class NationalSeries {

    private final DuckDb duckDb;
    private final RawStore rawStore;
    private final DatasetCatalog datasets;
    private final String dataset;

    public NationalSeries(DuckDb duckDb, RawStore rawStore, DatasetCatalog datasets, PipelineProperties properties) {
        this.duckDb = duckDb;
        this.rawStore = rawStore;
        this.datasets = datasets;
        this.dataset = properties.model().nationalTotals();
    }

    public Map<String, Object> daily(Map<String, Object> headers) {
        DateRange range = DateRange.from(new RequestParameters(headers));
        if (dataset == null || dataset.isBlank() || !datasets.ids().contains(dataset)) {
            throw new NoModelYetException("No national dataset is configured (pipeline.model.national-totals)");
        }
        List<Path> parts = rawStore.committedParts(dataset);
        if (parts.isEmpty()) {
            throw new NoModelYetException("The national dataset " + dataset + " has no rows yet: wait for the first run "
                    + "to finish, or start one with POST /refresh");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = duckDb.connect(); PreparedStatement s = c.prepareStatement(
                duckDb.sql("serve/national_daily.sql").replace("{{raw_parts}}", DuckDb.literal(parts)))) {
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
            throw new IllegalStateException("Reading " + dataset + " failed: " + e.getMessage(), e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", dataset);
        body.put("start_date", range.start() == null ? null : range.start().toString());
        body.put("end_date", range.end() == null ? null : range.end().toString());
        body.put("data", rows);
        return body;
    }
}
