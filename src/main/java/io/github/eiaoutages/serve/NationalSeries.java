package io.github.eiaoutages.serve;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

    /**
     * The answer: the national dataset's id, the range asked for ({@code YYYY-MM-DD}, null when not limited), the
     * snapshot read and its days in order.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NationalDays(
            String dataset, String startDate, String endDate, String snapshot, List<NationalDay> data) {}

    /**
     * One day ({@code YYYY-MM-DD}): capacity and capacity out in MW and the percent out (0 to 100), as EIA computed
     * them; null where EIA left them empty.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NationalDay(String period, Double capacityMw, Double outageMw, Double percentOutage) {}

    /**
     * The series of the published snapshot, in a date range, with the snapshot's id.
     *
     * @throws BadParameterException for a bad date range
     * @throws NoModelYetException before the first model, or when it was built without the national dataset
     * @throws SnapshotUnreadableException when the snapshot's file cannot be read
     */
    public NationalDays daily(Map<String, Object> headers) {
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
        List<NationalDay> rows = new ArrayList<>();
        try (Connection c = duckDb.connect();
                PreparedStatement s = c.prepareStatement(
                        duckDb.sql("serve/national_daily.sql").replace("{{file}}", DuckDb.literal(file)))) {
            s.setObject(1, range.start() == null ? null : Date.valueOf(range.start()));
            s.setObject(2, range.end() == null ? null : Date.valueOf(range.end()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new NationalDay(rs.getString(1), number(rs, 2), number(rs, 3), number(rs, 4)));
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
        return new NationalDays(
                dataset,
                range.start() == null ? null : range.start().toString(),
                range.end() == null ? null : range.end().toString(),
                snapshot.id(),
                rows);
    }

    /** A DOUBLE column (national_daily.parquet casts all three), null kept as null. */
    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
