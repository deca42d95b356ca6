package io.github.eiaoutages.alerts;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The outage events of a model build: this build's {@code fact_outage} compared with the previous snapshot's,
 * matched by outage id ({@code sql/alerts/changes.sql}, run inside the build's DuckDB session, before the snapshot
 * is published). The rules, one event per difference:
 *
 * <ul>
 *   <li>{@code outage.started}: a new event; a moved start is {@code withdrawn} (old id) plus {@code started} with
 *       {@code data.replaces};
 *   <li>{@code outage.ended}: its end became confirmed (the day after its last day has a row with outage 0); a
 *       missing or null day emits nothing, for a late EIA row must not tell anyone a reactor is back;
 *   <li>{@code outage.revised}: days both snapshots hold moved by more than {@code pipeline.alerts.revision-tolerance}
 *       (peak or average MW), or the end of an ended event moved; an ongoing event growing by a day emits nothing;
 *   <li>{@code outage.withdrawn}: an event that no longer exists.
 * </ul>
 *
 * The first build emits one {@code snapshot.initial}; a previous snapshot that cannot be read gives one
 * {@code snapshot.bulk-change} saying so.
 */
@Component
public class OutageChanges {

    private final DuckDb duckDb;
    private final PipelineProperties.RevisionTolerance tolerance;
    private final String source;

    public OutageChanges(DuckDb duckDb, PipelineProperties properties, DatasetCatalog datasets) {
        this.duckDb = duckDb;
        this.tolerance = properties.alerts().revisionTolerance();
        this.source = "/eia-outage-pipeline/" + datasets.modelDataset().id();
    }

    /**
     * The events of this build.
     *
     * @param c the build's DuckDB session, holding the temp tables fact_outage, dim_plant and generator_days
     * @param previousFact the live snapshot's {@code fact_outage.parquet}, or null when nothing was published yet
     * @param previousProblem why the live snapshot cannot be read, or null: one {@code snapshot.bulk-change} then
     * @param snapshot the id of the snapshot being built
     * @param time when it was built
     * @throws SQLException when the comparison itself fails (the build fails: no silent loss of events)
     */
    public List<OutageEvent> detect(
            Connection c, Path previousFact, String previousProblem, String snapshot, Instant time)
            throws SQLException {
        if (previousFact == null) {
            return List.of(OutageEvent.ofSnapshot(
                    snapshot,
                    source,
                    time,
                    OutageEvent.INITIAL,
                    snapshotData(snapshot, count(c), "first model build")));
        }
        if (previousProblem != null) {
            // A truncated live snapshot (the reason for this rebuild, perhaps) cannot be compared with.
            return List.of(OutageEvent.ofSnapshot(
                    snapshot,
                    source,
                    time,
                    OutageEvent.BULK_CHANGE,
                    snapshotData(
                            snapshot,
                            count(c),
                            "the previous snapshot could not be read (" + previousProblem
                                    + "); compare with GET /data")));
        }
        String sql = duckDb.sql("alerts/changes.sql")
                .replace("{{previous_fact}}", DuckDb.literal(previousFact))
                .replace("{{previous_end_confirmed}}", hasEndConfirmed(c, previousFact) ? "end_confirmed" : "false")
                .replace("{{tolerance_mw}}", Double.toString(tolerance.mw()))
                .replace("{{tolerance_ratio}}", Double.toString(tolerance.percent() / 100));
        List<OutageEvent> events = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                events.add(event(r, snapshot, time));
            }
        }
        return events;
    }

    private OutageEvent event(ResultSet r, String snapshot, Instant time) throws SQLException {
        String type = r.getString("type");
        return OutageEvent.of(
                snapshot,
                source,
                time,
                type,
                new OutageEvent.Data(
                        snapshot,
                        r.getString("outage_id"),
                        r.getString("facility_id"),
                        r.getString("generator_id"),
                        r.getString("plant_name"),
                        r.getString("unit_name"),
                        date(r, "start_date"),
                        date(r, "last_date"),
                        r.getInt("duration_days"),
                        number(r, "peak_outage_mw"),
                        number(r, "avg_outage_mw"),
                        number(r, "energy_lost_mwh"),
                        number(r, "capacity_mw"),
                        r.getBoolean("is_ongoing"),
                        r.getBoolean("end_confirmed"),
                        r.getString("replaces"),
                        OutageEvent.STARTED.equals(type)
                                ? null
                                : new OutageEvent.Previous(
                                        date(r, "previous_last_date"),
                                        number(r, "previous_peak_outage_mw"),
                                        number(r, "previous_avg_outage_mw"),
                                        number(r, "previous_energy_lost_mwh")),
                        null,
                        null));
    }

    /** Data of a snapshot event: its id, how many outage events (or changes) it holds, why it was sent. */
    static OutageEvent.Data snapshotData(String snapshot, long events, String reason) {
        return new OutageEvent.Data(
                snapshot, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, events, reason);
    }

    private boolean hasEndConfirmed(Connection c, Path previousFact) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(duckDb.sql("alerts/has_end_confirmed.sql")
                        .replace("{{previous_fact}}", DuckDb.literal(previousFact)))) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    private long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(duckDb.sql("alerts/event_count.sql"))) {
            r.next();
            return r.getLong(1);
        }
    }

    private static java.time.LocalDate date(ResultSet r, String column) throws SQLException {
        Date value = r.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static Double number(ResultSet r, String column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? null : value;
    }
}
