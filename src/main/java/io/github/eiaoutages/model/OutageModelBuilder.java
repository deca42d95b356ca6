package io.github.eiaoutages.model;

import io.github.eiaoutages.alerts.EventLog;
import io.github.eiaoutages.alerts.OutageChanges;
import io.github.eiaoutages.alerts.OutageEvent;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.storage.StorageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the star schema (dim_plant, dim_date, fact_outage) from the committed raw generator rows with the SQL
 * in {@code sql/model/}, and publishes it as a new snapshot. A failed build leaves the previous snapshot live.
 */
@Component("outageModel")
public class OutageModelBuilder {

    static final List<String> TABLES = List.of("dim_plant", "dim_date", "fact_outage");
    /** The snapshot's national daily series (not a table of the star schema). */
    public static final String NATIONAL = "national_daily";

    private static final Logger log = LoggerFactory.getLogger(OutageModelBuilder.class);

    private final DuckDb duckDb;
    private final RawStore rawStore;
    private final DatasetCatalog datasets;
    private final SnapshotPublisher publisher;
    private final QualityChecks qualityChecks;
    private final OutageChanges changes;
    private final EventLog events;

    public OutageModelBuilder(
            DuckDb duckDb,
            RawStore rawStore,
            DatasetCatalog datasets,
            SnapshotPublisher publisher,
            QualityChecks qualityChecks,
            OutageChanges changes,
            EventLog events) {
        this.changes = changes;
        this.events = events;
        this.duckDb = duckDb;
        this.rawStore = rawStore;
        this.datasets = datasets;
        this.publisher = publisher;
        this.qualityChecks = qualityChecks;
    }

    /**
     * True when the raw store holds a committed run that the live snapshot was not built from, or when the live
     * snapshot cannot be read (a truncated file): rebuilt from the raw store, it serves again.
     */
    public boolean isBehind() {
        if (rawStore.committedRuns(datasets.modelDataset().id()).isEmpty()) {
            return false;
        }
        Optional<Snapshot> current = publisher.current();
        if (current.isEmpty()) {
            return true;
        }
        Optional<String> unreadable = publisher.unreadable(current.get());
        if (unreadable.isPresent()) {
            log.warn(
                    "Model snapshot {} cannot be read ({}); rebuilding it from the raw store",
                    current.get().id(),
                    unreadable.get());
            return true;
        }
        return !newestRun().equals(publisher.builtFrom(current.get()));
    }

    /** The newest committed run of the datasets a snapshot is built from: the model's and the national one. */
    private String newestRun() {
        List<Path> runs =
                new ArrayList<>(rawStore.committedRuns(datasets.modelDataset().id()));
        datasets.nationalDataset().ifPresent(national -> runs.addAll(rawStore.committedRuns(national.id())));
        // By run id: a run folder sorted by period (run=<id>.sorted) is still the same run.
        return runs.stream()
                .map(p -> "run=" + RawStore.runIdOf(p))
                .max(String::compareTo)
                .orElseThrow();
    }

    public synchronized ModelBuild build() {
        long started = System.nanoTime();
        List<Path> runs = rawStore.committedRuns(datasets.modelDataset().id());
        List<Path> parts = rawStore.committedParts(datasets.modelDataset().id());
        if (parts.isEmpty()) {
            throw new IllegalStateException("There are no committed raw rows of "
                    + datasets.modelDataset().id() + " to model yet; run an ingest first (POST /refresh)");
        }
        Instant builtAt = Instant.now();
        String snapshotId = StorageFiles.id(builtAt);
        Path work = publisher.workDir(snapshotId);
        Map<String, Long> rows = new LinkedHashMap<>();
        List<QualityCheck> checks;
        List<OutageEvent> changed;
        try (Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            s.execute(duckDb.sql("model/generator_days.sql").replace("{{raw_parts}}", DuckDb.literal(parts)));
            loadPreviousPlants(c);
            for (String table : TABLES) {
                s.execute(duckDb.sql("model/" + table + ".sql"));
                s.execute(duckDb.sql("model/_export_table.sql")
                        .replace("{{table}}", table)
                        .replace("{{order}}", "ALL")
                        .replace("{{file}}", DuckDb.literal(work.resolve(table + ".parquet"))));
                try (ResultSet rs =
                        s.executeQuery(duckDb.sql("model/_row_count.sql").replace("{{table}}", table))) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
            writeNationalSeries(s, work);
            checks = qualityChecks.run(s);
            publisher.writeQuality(work, checks);
            // The outage events go into the snapshot itself: they exist before the current swap, or not at all.
            Optional<Snapshot> previous = publisher.current();
            changed = changes.detect(
                    c,
                    previous.map(p -> p.table("fact_outage")).orElse(null),
                    previous.flatMap(publisher::unreadable).orElse(null),
                    snapshotId,
                    builtAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            events.stage(work, changed);
        } catch (SQLException | RuntimeException e) {
            publisher.discard(work);
            throw new ModelBuildException(
                    "Building the model failed; the previous snapshot stays live: " + e.getMessage(), e);
        }
        String builtFrom = newestRun();
        Snapshot snapshot = publisher.publish(snapshotId, work, builtFrom);
        events.published(snapshot.id(), snapshot.dir());
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "Model snapshot {} published in {} ms: {}; {} outage event(s)",
                snapshot.id(),
                millis,
                rows,
                changed.size());
        for (QualityCheck check : checks) {
            if (check.failed()) {
                log.warn(
                        "Quality check {} failed for {} item(s) of snapshot {}, e.g. {}",
                        check.name(),
                        check.failures(),
                        snapshot.id(),
                        check.examples().get(0));
            }
        }
        return new ModelBuild(snapshot.id(), rows, millis, checks);
    }

    /** The national daily series, from the us-level dataset's raw rows, when that dataset has any. */
    private void writeNationalSeries(Statement s, Path work) throws SQLException {
        Optional<List<Path>> parts = datasets.nationalDataset()
                .map(d -> rawStore.committedParts(d.id()))
                .filter(p -> !p.isEmpty());
        if (parts.isPresent()) {
            s.execute(duckDb.sql("model/national_daily.sql").replace("{{raw_parts}}", DuckDb.literal(parts.get())));
            s.execute(duckDb.sql("model/_export_table.sql")
                    .replace("{{table}}", "national_daily")
                    .replace("{{order}}", "period")
                    .replace("{{file}}", DuckDb.literal(work.resolve(NATIONAL + ".parquet"))));
        }
    }

    /**
     * Keys of the plants the live snapshot knows, so a rebuild gives each plant the key it had. When its dim_plant
     * cannot be read (the reason a rebuild was asked for, perhaps), the newest older snapshot that can be read gives
     * them; with none, plants get new keys rather than the model staying broken.
     */
    private void loadPreviousPlants(Connection c) throws SQLException {
        List<Snapshot> candidates = new ArrayList<>();
        publisher.current().ifPresent(candidates::add);
        publisher.published().stream()
                .filter(p -> candidates.stream().noneMatch(known -> known.id().equals(p.id())))
                .forEach(candidates::add);
        for (Snapshot previous : candidates) {
            Path file = previous.table("dim_plant");
            if (!Files.exists(file)) {
                continue;
            }
            // A statement of its own: DuckDB closes a statement whose query failed.
            try (Statement s = c.createStatement()) {
                s.execute(duckDb.sql("model/previous_plants.sql").replace("{{dim_plant}}", DuckDb.literal(file)));
                if (previous != candidates.get(0)) {
                    log.warn(
                            "Plant keys carried over from snapshot {}: the dim_plant of snapshot {} cannot be read",
                            previous.id(),
                            candidates.get(0).id());
                }
                return;
            } catch (SQLException e) {
                log.warn(
                        "Could not read the plant keys of snapshot {} ({}); trying an older snapshot",
                        previous.id(),
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (!candidates.isEmpty()) {
            log.warn(
                    "No readable dim_plant in {}: plants get new keys in this build",
                    candidates.stream().map(Snapshot::id).toList());
        }
        try (Statement s = c.createStatement()) {
            s.execute(duckDb.sql("model/previous_plants_none.sql"));
        }
    }
}
