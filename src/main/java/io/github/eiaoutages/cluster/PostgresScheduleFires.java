package io.github.eiaoutages.cluster;

import io.github.eiaoutages.run.ScheduleFires;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The record of scheduled fires in PostgreSQL (table {@code pipeline_schedule_fires}): one row per dataset and fire
 * time, claimed by the instance Quartz fired it on, then {@code run} (with the run id), {@code skipped} (with why) or,
 * from Quartz's misfire notice, {@code missed}. The primary key refuses a second claim of the same fire.
 */
public class PostgresScheduleFires implements ScheduleFires {

    private static final Logger log = LoggerFactory.getLogger(PostgresScheduleFires.class);

    private final ClusterDatabase database;
    private final String instance;

    PostgresScheduleFires(ClusterDatabase database, String instance) {
        this.database = database;
        this.instance = instance;
    }

    @Override
    public boolean claim(String dataset, Instant scheduledAt) {
        return database.jdbc().update(ClusterSql.get("fire_claim"), dataset, Timestamp.from(scheduledAt), instance)
                == 1;
    }

    @Override
    public void ran(String dataset, Instant scheduledAt, String runId) {
        outcome(dataset, scheduledAt, "run", runId, null);
    }

    @Override
    public void skipped(String dataset, Instant scheduledAt, String reason) {
        outcome(dataset, scheduledAt, "skipped", null, reason);
    }

    /** Quartz's misfire: the fire came later than its threshold and is not run (misfire policy DO_NOTHING). */
    void missed(String dataset, Instant scheduledAt) {
        try {
            database.jdbc()
                    .update(
                            ClusterSql.get("fire_missed"),
                            dataset,
                            Timestamp.from(scheduledAt),
                            instance,
                            "Quartz fired it later than org.quartz.jobStore.misfireThreshold (the next fire asks for the "
                                    + "newest days again)");
        } catch (DataAccessException e) {
            log.warn("Could not record the missed fire of {} at {}: {}", dataset, scheduledAt, e.getMessage());
        }
    }

    private void outcome(String dataset, Instant scheduledAt, String outcome, String runId, String reason) {
        try {
            database.jdbc()
                    .update(
                            ClusterSql.get("fire_outcome"),
                            outcome,
                            runId,
                            reason,
                            dataset,
                            Timestamp.from(scheduledAt),
                            instance);
        } catch (DataAccessException e) {
            // The run goes on; only the fire's record stays "claimed".
            log.warn("Could not record the fire of {} at {} as {}: {}", dataset, scheduledAt, outcome, e.getMessage());
        }
    }
}
