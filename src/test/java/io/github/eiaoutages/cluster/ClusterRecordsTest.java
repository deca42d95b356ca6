package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.eiaoutages.config.PipelineProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.TriggerKey;
import org.quartz.impl.triggers.CronTriggerImpl;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * What clustered mode records in PostgreSQL, one rule per test: every fire time Quartz missed (not only the first:
 * the breaker trial of issue 16 killed the scheduling instance and 7 fire times went unrecorded), and a current
 * snapshot id that only moves forward.
 */
class ClusterRecordsTest {

    private HikariDataSource dataSource;
    private ClusterDatabase database;

    @BeforeEach
    void database() {
        DataSourceProperties db = new DataSourceProperties();
        db.setUrl(TestPostgres.newDatabase());
        db.setUsername("postgres");
        dataSource = new ClusterConfig().clusterDataSource(db);
        database = new ClusterConfig().clusterDatabase(dataSource, db);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void every_fire_time_quartz_missed_is_recorded_missed() throws Exception {
        PostgresScheduleFires fires = new PostgresScheduleFires(database, "node-b");
        CronTriggerImpl trigger = new CronTriggerImpl();
        trigger.setKey(TriggerKey.triggerKey("generator-nuclear-outages", "pipeline"));
        trigger.setCronExpression(new CronExpression("0/2 * * * * ?"));
        Instant first = Instant.now().minusSeconds(13).truncatedTo(ChronoUnit.SECONDS);
        first = first.getEpochSecond() % 2 == 0 ? first : first.plusSeconds(1);
        trigger.setStartTime(Date.from(first.minusSeconds(60)));
        trigger.setNextFireTime(Date.from(first));

        new ClusteredQuartz(dataSource, fires).missedFires().triggerMisfired(trigger);

        List<Timestamp> missed = database.jdbc()
                .queryForList(
                        "SELECT scheduled_at FROM pipeline_schedule_fires WHERE outcome = 'missed' ORDER BY 1",
                        Timestamp.class);
        assertThat(missed).hasSizeGreaterThanOrEqualTo(6);
        assertThat(missed.get(0).toInstant()).isEqualTo(first);
        assertThat(missed.get(1).toInstant()).isEqualTo(first.plusSeconds(2));
    }

    @Test
    void the_current_snapshot_only_moves_forward() {
        PostgresSnapshotPointer pointer = new PostgresSnapshotPointer(
                database,
                new PipelineProperties.Cluster(true, Duration.ofSeconds(60), "node-a", Duration.ofSeconds(60)),
                event -> {},
                new StaticListableBeanFactory().getBeanProvider(io.github.eiaoutages.model.SnapshotPublisher.class));
        try {
            pointer.published("20261130T100000000Z");
            // A stale instance resuming after a take-over publishes the build it made before.
            pointer.published("20261130T090000000Z");

            assertThat(pointer.currentId()).contains("20261130T100000000Z");
            assertThat(database.jdbc().queryForObject(ClusterSql.get("snapshot_read"), String.class))
                    .isEqualTo("20261130T100000000Z");
        } finally {
            pointer.stop();
        }
    }
}
