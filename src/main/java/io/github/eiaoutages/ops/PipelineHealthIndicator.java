package io.github.eiaoutages.ops;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.run.DatasetSchedules;
import io.github.eiaoutages.run.RunFinished;
import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code pipeline} component of /actuator/health: per dataset the last finished run, the newest period
 * stored and whether that is older than the dataset's max-age (stale = DOWN, naming the dataset), and when it
 * runs next. A dataset with no rows yet is UNKNOWN, not DOWN: a fresh install is not an outage.
 */
@Component
public class PipelineHealthIndicator implements HealthIndicator {

    private final PipelineProperties properties;
    private final RawStore rawStore;
    private final RunRegistry runs;
    private final DatasetSchedules schedules;
    private final Clock clock;
    /** Newest stored day per dataset; recomputed from the manifests after every run. */
    private final Map<String, LocalDate> newest = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public PipelineHealthIndicator(PipelineProperties properties, RawStore rawStore, RunRegistry runs,
                                   DatasetSchedules schedules) {
        this.properties = properties;
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
            properties.datasets().keySet().forEach(id -> {
                LocalDate day = rawStore.newestCommittedDay(id);
                if (day != null) {
                    newest.put(id, day);
                }
            });
            loaded = true;
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, String> nextRuns = schedules.nextRuns();
        Map<String, Object> datasets = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        boolean anyData = false;
        for (Map.Entry<String, PipelineProperties.Dataset> entry : properties.datasets().entrySet()) {
            String id = entry.getKey();
            Map<String, Object> details = new LinkedHashMap<>();
            LocalDate day = newest.get(id);
            Duration maxAge = entry.getValue().maxAge();
            details.put("newest_period", day == null ? null : day.toString());
            details.put("max_age", maxAge.toString());
            if (day == null) {
                details.put("freshness", "no rows yet");
            } else {
                anyData = true;
                long ageDays = Duration.between(day.atStartOfDay(), today.atStartOfDay()).toDays();
                details.put("age_days", ageDays);
                boolean isStale = Duration.ofDays(ageDays).compareTo(maxAge) > 0;
                details.put("freshness", isStale ? "stale" : "fresh");
                if (isStale) {
                    stale.add(id);
                }
            }
            runs.lastFinished(id).ifPresent(run -> details.put("last_run", summary(run)));
            if (nextRuns.containsKey(id)) {
                details.put("next_run", nextRuns.get(id));
            }
            datasets.put(id, details);
        }
        RunRecord active = runs.active();
        Health.Builder health = !stale.isEmpty() ? Health.down().withDetail("stale", stale)
                : anyData ? Health.up() : Health.unknown();
        if (active != null) {
            health.withDetail("active_run", active.getRunId());
        }
        return health.withDetail("datasets", datasets).build();
    }

    private static Map<String, Object> summary(Object run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (run instanceof RunRecord record) {
            summary.put("run_id", record.getRunId());
            summary.put("status", record.getStatus());
            summary.put("finished_at", String.valueOf(record.getFinishedAt()));
        } else if (run instanceof Map<?, ?> saved) {
            summary.put("run_id", saved.get("run_id"));
            summary.put("status", saved.get("status"));
            summary.put("finished_at", String.valueOf(saved.get("finished_at")));
        }
        return summary;
    }
}
