package io.github.eiaoutages.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The configured datasets, resolved once at startup; a bad entry stops the application naming its key. */
@Component("datasets")
public class DatasetCatalog {

    private final Map<String, DatasetSpec> byId = new LinkedHashMap<>();
    private final String modelDataset;
    private final String nationalTotals;

    public DatasetCatalog(PipelineProperties properties) {
        properties.datasets().forEach((id, entry) -> {
            byId.put(id, DatasetSpec.from(id, entry));
            checkSchedule(id, entry.schedule());
        });
        modelDataset = properties.model().dataset();
        nationalTotals = properties.model().nationalTotals();
        DatasetSpec model = byId.get(modelDataset);
        if (model == null) {
            throw new InvalidConfigurationException(
                    "pipeline.model.dataset",
                    "is '" + modelDataset + "', which is not a key under pipeline.datasets " + byId.keySet());
        }
        for (String needed : List.of("period", "facility", "facilityName", "generator", "capacity", "outage")) {
            if (model.fields().stream().noneMatch(f -> f.name().equals(needed))) {
                throw new InvalidConfigurationException(
                        "pipeline.datasets." + modelDataset + ".fields",
                        "lacks '" + needed + "', which the star schema is built from");
            }
        }
    }

    private static void checkSchedule(String id, PipelineProperties.DatasetSchedule schedule) {
        if (schedule == null) {
            return;
        }
        String where = "pipeline.datasets." + id + ".schedule";
        if (schedule.cron() != null && !org.quartz.CronExpression.isValidExpression(schedule.cron())) {
            throw new InvalidConfigurationException(
                    where + ".cron",
                    "'" + schedule.cron() + "' is not a Quartz cron "
                            + "expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 15 * * * ?\"");
        }
        if (schedule.timeZone() != null
                && !java.time.ZoneId.getAvailableZoneIds().contains(schedule.timeZone())
                && !"UTC".equals(schedule.timeZone())) {
            throw new InvalidConfigurationException(
                    where + ".time-zone",
                    "'" + schedule.timeZone() + "' is not a time zone id such as UTC or America/New_York");
        }
    }

    /** Dataset ids in the order of application.yaml; a run ingests them in this order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public DatasetSpec get(String id) {
        DatasetSpec spec = byId.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown dataset '" + id + "'; configured: " + byId.keySet());
        }
        return spec;
    }

    public List<DatasetSpec> all() {
        return List.copyOf(byId.values());
    }

    public DatasetSpec modelDataset() {
        return byId.get(modelDataset);
    }

    /** The us-level dataset the snapshot's national series comes from (pipeline.model.national-totals), if configured. */
    public java.util.Optional<DatasetSpec> nationalDataset() {
        return java.util.Optional.ofNullable(nationalTotals == null ? null : byId.get(nationalTotals));
    }
}
