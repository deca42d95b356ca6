package io.github.eiaoutages.ops;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.coverage.DatasetCoverage;
import io.github.eiaoutages.model.Snapshot;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.run.DatasetSchedules;
import io.github.eiaoutages.run.RunFinished;
import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.run.RunReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code pipeline} component of /actuator/health: per dataset the last finished run, the newest period
 * stored (in the dataset's own format) and whether its end is longer ago than the dataset's max-age (stale = DOWN,
 * naming the dataset), and when it runs next. A dataset with no rows yet is UNKNOWN, not DOWN: a fresh install is not an outage.
 * A published model that cannot be read is DOWN too ({@code model}: which snapshot, why, what rebuilds it): the API
 * answers 503 for data until a run rebuilds it.
 */
@Component
public class PipelineHealthIndicator implements HealthIndicator {

    private final DatasetCatalog datasets;
    private final RawStore rawStore;
    private final DatasetCoverage coverage;
    private final RunRegistry runs;
    private final DatasetSchedules schedules;
    private final SnapshotPublisher snapshots;
    private final Clock clock;
    /** Newest stored period per dataset; recomputed from the manifests after every run. */
    private final Map<String, Period> newest = new ConcurrentHashMap<>();

    private final Map<String, String> unreadable = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public PipelineHealthIndicator(
            DatasetCatalog datasets,
            RawStore rawStore,
            RunRegistry runs,
            DatasetSchedules schedules,
            DatasetCoverage coverage,
            SnapshotPublisher snapshots) {
        this.datasets = datasets;
        this.snapshots = snapshots;
        this.coverage = coverage;
        this.rawStore = rawStore;
        this.runs = runs;
        this.schedules = schedules;
        this.clock = Clock.systemUTC();
    }

    @EventListener
    public void runFinished(RunFinished event) {
        loaded = false;
    }

    @Override
    public Health health() {
        if (!loaded) {
            newest.clear();
            unreadable.clear();
            datasets.ids().forEach(id -> {
                try {
                    Period period = rawStore.newestCommittedPeriod(id);
                    if (period != null) {
                        newest.put(id, period);
                    }
                } catch (RuntimeException e) {
                    // Health answers whatever is wrong with one dataset's files: that dataset is DOWN, saying why.
                    unreadable.put(id, e.getMessage());
                }
            });
            loaded = true;
        }
        Instant now = clock.instant();
        Map<String, String> nextRuns = schedules.nextRuns();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        List<String> withGaps = new ArrayList<>();
        boolean anyData = false;
        for (DatasetSpec dataset : datasets.all()) {
            String id = dataset.id();
            Map<String, Object> entry = new LinkedHashMap<>();
            Period period = newest.get(id);
            entry.put("frequency", dataset.frequency().eiaName());
            entry.put("newest_period", period == null ? null : period.label());
            entry.put("max_age", dataset.maxAge().toString());
            if (unreadable.containsKey(id)) {
                entry.put("freshness", "unreadable");
                entry.put("error", unreadable.get(id));
                stale.add(id);
            } else if (period == null) {
                entry.put("freshness", "no rows yet");
            } else {
                anyData = true;
                // Age counts from the end of the newest period: a month is complete only when it is over. EIA labels
                // a week by its last day (gas storage: the Friday), so a week ends the day after its label. Data that
                // runs ahead of time (forecasts) would look fresh for years: its age counts from the last run that
                // stored rows of it (new or revised), not from runs that found nothing new.
                Instant end = dataset.frequency() == io.github.eiaoutages.period.Frequency.WEEKLY
                        ? period.start().plus(Duration.ofDays(1))
                        : period.end();
                Instant reference = end.isAfter(now) ? lastStored(id).orElse(now) : end;
                Duration age = Duration.between(reference, now);
                entry.put("age_hours", Math.max(0, age.toHours()));
                entry.put("age_days", Math.max(0, age.toDays()));
                boolean isStale = age.compareTo(dataset.maxAge()) > 0;
                entry.put("freshness", isStale ? "stale" : "fresh");
                if (isStale) {
                    stale.add(id);
                }
            }
            runs.lastFinished(id).ifPresent(run -> {
                Map<String, Object> last = summary(run, id);
                entry.put("last_run", last);
                if (last.containsKey("warnings")) {
                    degraded.add(id);
                }
            });
            if (dataset.expectComplete() && !unreadable.containsKey(id)) {
                int gaps = coverage.gaps(id).size();
                entry.put("gaps", gaps);
                if (gaps > 0) {
                    withGaps.add(id);
                }
            }
            if (nextRuns.containsKey(id)) {
                entry.put("next_run", nextRuns.get(id));
            }
            details.put(id, entry);
        }
        RunRecord active = runs.active();
        Optional<Snapshot> model = snapshots.current();
        Optional<String> unreadableModel = model.flatMap(snapshots::unreadable);
        Health.Builder health = !stale.isEmpty() || unreadableModel.isPresent()
                ? Health.down()
                : anyData ? Health.up() : Health.unknown();
        if (!stale.isEmpty()) {
            health.withDetail("stale", stale);
        }
        unreadableModel.ifPresent(reason -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("snapshot", model.get().id());
            problem.put("status", "unreadable");
            problem.put("error", reason);
            problem.put(
                    "action",
                    "the next run rebuilds it from the raw store: POST /refresh, or "
                            + "--pipeline.mode=model-once while the server is stopped");
            health.withDetail("model", problem);
        });
        if (active != null) {
            health.withDetail("active_run", active.getRunId());
        }
        if (!withGaps.isEmpty()) {
            // Periods with no row at all (GET /datasets lists them; POST /refresh?dataset=&start=&end= fetches them).
            health.withDetail("gaps", withGaps);
        }
        if (!degraded.isEmpty()) {
            // Doubtful data is worth a look, not taking the service down: the status stays as freshness says.
            health.withDetail("degraded", degraded);
        }
        return health.withDetail("datasets", details).build();
    }

    /** The run's id, status and end, and why this dataset's data from it is doubtful (if it is). */
    private static Map<String, Object> summary(RunReport run, String dataset) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_id", run.runId());
        summary.put("status", run.status());
        summary.put("finished_at", String.valueOf(run.finishedAt()));
        RunReport.DatasetCounts counts =
                run.datasets() == null ? null : run.datasets().get(dataset);
        if (counts != null && counts.warnings() != null) {
            summary.put("warnings", counts.warnings());
        }
        return summary;
    }

    /** When the dataset's newest committed run stored its rows (new or revised), from that run's manifest. */
    private java.util.Optional<Instant> lastStored(String datasetId) {
        List<io.github.eiaoutages.raw.RunManifest> manifests = rawStore.manifests(datasetId);
        return manifests.stream()
                .map(io.github.eiaoutages.raw.RunManifest::committedAt)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo);
    }
}
