package io.github.eiaoutages.run;

import io.github.eiaoutages.config.PipelineProperties;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One Quartz route per dataset, from the {@code dataset-schedule} template of routes/ingest.camel.yaml, with the
 * dataset's cron and time zone (or pipeline.schedule's). Also says when each dataset runs next.
 */
@Component("schedules")
public class DatasetSchedules implements CamelContextConfiguration {

    static final String GROUP = "pipeline";
    private static final Logger log = LoggerFactory.getLogger(DatasetSchedules.class);

    private final PipelineProperties properties;
    private CamelContext camel;

    public DatasetSchedules(PipelineProperties properties) {
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!properties.schedule().enabled()) {
            if (properties.mode().oneShot()) {
                // OneShotModeSettings turned them off: nothing a one-shot caller needs to hear about.
                return;
            }
            log.info(
                    "Schedules are off (pipeline.schedule.enabled=false): runs start only at startup and by POST /refresh");
            return;
        }
        properties.datasets().forEach((id, dataset) -> {
            String cron = cron(dataset);
            String zone = timeZone(dataset);
            TemplatedRouteBuilder.builder(camelContext, "dataset-schedule")
                    .routeId("schedule-" + id)
                    .parameter("dataset", id)
                    .parameter("cron", cron)
                    .parameter("timeZone", zone)
                    .add();
            log.info("Dataset {} runs on cron '{}' ({}), next at {}", id, cron, zone, nextRun(id));
        });
    }

    /** When each dataset runs next (ISO-8601 instants), or nothing when schedules are off. */
    public Map<String, String> nextRuns() {
        Map<String, String> next = new LinkedHashMap<>();
        for (String id : properties.datasets().keySet()) {
            String at = nextRun(id);
            if (at != null) {
                next.put(id, at);
            }
        }
        return next;
    }

    /** Fires a dataset's trigger now, as the clock would (tests, and operators through Hawtio's Quartz tab). */
    public void fireNow(String dataset) throws SchedulerException {
        scheduler().triggerJob(JobKey.jobKey(dataset, GROUP));
    }

    private String nextRun(String dataset) {
        if (camel == null || !properties.schedule().enabled()) {
            return null;
        }
        try {
            org.quartz.Scheduler scheduler = scheduler();
            if (scheduler == null) {
                // Quartz is not up yet (startup) or no longer (shutdown): health asks anyway.
                return null;
            }
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(dataset, GROUP));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return next == null ? null : next.toInstant().toString();
        } catch (SchedulerException | RuntimeException e) {
            return null;
        }
    }

    private org.quartz.Scheduler scheduler() {
        return camel.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    private String cron(PipelineProperties.Dataset dataset) {
        return dataset.schedule() != null && dataset.schedule().cron() != null
                ? dataset.schedule().cron()
                : properties.schedule().cron();
    }

    private String timeZone(PipelineProperties.Dataset dataset) {
        return dataset.schedule() != null && dataset.schedule().timeZone() != null
                ? dataset.schedule().timeZone()
                : properties.schedule().timeZone();
    }
}
