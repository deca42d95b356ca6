package io.github.eiaoutages.model;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.raw.RawStore;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a freshly built model with the queries in {@code sql/quality/}: each returns one row (item, detail) per
 * thing that is wrong. A failing check does not stop publishing - the run is marked degraded with the details -
 * because a model with one bad day is still more useful than yesterday's model.
 */
@Component
public class QualityChecks {

    /** Failing items listed per check; the count covers all of them. */
    static final int EXAMPLES = 20;

    private static final List<String> MODEL_CHECKS =
            List.of("no_overlapping_events", "foreign_keys_resolve", "keys_unique", "dim_date_no_gaps");

    private final DuckDb duckDb;
    private final RawStore rawStore;
    private final DatasetCatalog datasets;
    private final PipelineProperties.Model model;

    public QualityChecks(DuckDb duckDb, RawStore rawStore, DatasetCatalog datasets, PipelineProperties properties) {
        this.duckDb = duckDb;
        this.rawStore = rawStore;
        this.datasets = datasets;
        this.model = properties.model();
    }

    /** Runs every check on the connection's temp tables generator_days, dim_plant, dim_date and fact_outage. */
    List<QualityCheck> run(Statement s) throws SQLException {
        List<QualityCheck> results = new ArrayList<>();
        for (String check : MODEL_CHECKS) {
            results.add(check(s, check));
        }
        results.add(reconcile(s, "facility_totals_match", "facility_totals", model.facilityTotals()));
        results.add(reconcile(s, "national_totals_match", "national_totals", model.nationalTotals()));
        return results;
    }

    private QualityCheck reconcile(Statement s, String check, String table, String datasetId) throws SQLException {
        String description = description(check);
        if (datasetId == null || datasetId.isBlank() || !datasets.ids().contains(datasetId)) {
            return skipped(
                    check,
                    description,
                    "pipeline.model." + (check.startsWith("facility") ? "facility" : "national")
                            + "-totals names no configured dataset");
        }
        List<Path> parts = rawStore.committedParts(datasetId);
        if (parts.isEmpty()) {
            return skipped(check, description, "dataset " + datasetId + " has no committed rows yet");
        }
        DatasetSpec spec = datasets.get(datasetId);
        String key = spec.keyFields().stream().map(FieldSpec::column).collect(Collectors.joining(", "));
        s.execute(duckDb.sql("quality/latest_totals.sql")
                .replace("{{table}}", table)
                .replace("{{raw_parts}}", DuckDb.literal(parts))
                .replace("{{key}}", key));
        return check(s, check);
    }

    private QualityCheck check(Statement s, String check) throws SQLException {
        String query = duckDb.sql("quality/" + check + ".sql");
        List<String> examples = new ArrayList<>();
        long failures = 0;
        try (ResultSet rs = s.executeQuery(duckDb.sql("quality/_report.sql")
                .replace("{{check}}", query)
                .replace("{{examples}}", Integer.toString(EXAMPLES)))) {
            while (rs.next()) {
                failures = rs.getLong(1);
                examples.add(rs.getString(2) + ": " + rs.getString(3));
            }
        }
        return new QualityCheck(
                check,
                description(check),
                failures == 0 ? QualityCheck.PASSED : QualityCheck.FAILED,
                failures,
                examples);
    }

    private static QualityCheck skipped(String check, String description, String why) {
        return new QualityCheck(check, description, QualityCheck.SKIPPED, 0, List.of(why));
    }

    /** The leading comment of the check's SQL file says what it checks. */
    private String description(String check) {
        return duckDb.sql("quality/" + check + ".sql")
                .lines()
                .takeWhile(line -> line.startsWith("--"))
                .map(line -> line.substring(2).trim())
                .collect(Collectors.joining(" "));
    }
}
