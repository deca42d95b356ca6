package io.github.eiaoutages.cluster;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the Quartz scheduler of camel-quartz (the {@code dataset-schedule} routes) into Quartz's clustered JDBC job
 * store on the cluster's PostgreSQL: triggers live in the {@code qrtz_*} tables, and each fire is run by one
 * instance. Quartz's own settings from {@code camel.component.quartz.properties} (threads, misfire threshold) are
 * kept. Quartz gets its connections from the application's pool through a {@link ConnectionProvider}, so the
 * password is never in Quartz's properties (which Camel shows in Hawtio). Missed fires are recorded in
 * {@code pipeline_schedule_fires}.
 */
public class ClusteredQuartz implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusteredQuartz.class);
    /** Every instance's scheduler has this name: Quartz clusters schedulers of the same name on the same tables. */
    static final String SCHEDULER_NAME = "eia-outage-pipeline";

    private final DataSource dataSource;
    private final PostgresScheduleFires fires;

    ClusteredQuartz(DataSource dataSource, PostgresScheduleFires fires) {
        this.dataSource = dataSource;
        this.fires = fires;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // One name per application context: tests run several in one JVM, and Quartz's manager is JVM-wide.
        String connections = "pipeline-cluster-" + Integer.toHexString(System.identityHashCode(this));
        DBConnectionManager.getInstance().addConnectionProvider(connections, new ConnectionProvider() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to Spring, which closes it.
            }

            @Override
            public void initialize() {
                // Nothing to set up: the pool exists.
            }
        });
        QuartzComponent quartz = camelContext.getComponent("quartz", QuartzComponent.class);
        Map<String, Object> properties = new HashMap<>();
        if (quartz.getProperties() != null) {
            properties.putAll(quartz.getProperties());
        }
        properties.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.put("org.quartz.scheduler.instanceId", "AUTO");
        properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put("org.quartz.jobStore.dataSource", connections);
        properties.put("org.quartz.jobStore.isClustered", "true");
        // How often instances check in; a dead instance's fired-but-unfinished triggers are recovered after it.
        properties.putIfAbsent("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // Triggers are taken under Quartz's row lock, so two instances never take the same fire.
        properties.putIfAbsent("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        quartz.setProperties(properties);
        // The scheduler name must be the same on every instance, not suffixed per Camel context.
        quartz.setPrefixInstanceName(false);
        quartz.addScheduleInitTask(scheduler -> {
            scheduler.getListenerManager().addTriggerListener(missedFires());
            log.info(
                    "Quartz runs clustered on PostgreSQL (job store {}, clustered: {}, scheduler instance {})",
                    scheduler.getMetaData().getJobStoreClass().getSimpleName(),
                    scheduler.getMetaData().isJobStoreClustered(),
                    scheduler.getSchedulerInstanceId());
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // Nothing: the dataset-schedule routes are added by run.DatasetSchedules.
    }

    /** The listener that records Quartz's misfires, registered on the scheduler as it starts. */
    TriggerListenerSupport missedFires() {
        return new MissedFires();
    }

    /** Records Quartz's misfires of the pipeline's triggers (group "pipeline", name = dataset). */
    private final class MissedFires extends TriggerListenerSupport {

        @Override
        public String getName() {
            return "pipeline-missed-fires";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            // Called before Quartz moves the trigger on: its next fire time is the first one missed, and every fire
            // time
            // from there to now was missed too (an instance killed after taking the trigger, say).
            if (!"pipeline".equals(trigger.getKey().getGroup())) {
                return;
            }
            java.util.Date now = new java.util.Date();
            int recorded = 0;
            for (java.util.Date at = trigger.getNextFireTime();
                    at != null && at.before(now) && recorded < 10_000;
                    at = trigger.getFireTimeAfter(at), recorded++) {
                fires.missed(trigger.getKey().getName(), at.toInstant());
            }
            if (recorded > 0) {
                log.warn(
                        "Quartz missed {} fire(s) of {} from {} (recorded in pipeline_schedule_fires)",
                        recorded,
                        trigger.getKey().getName(),
                        trigger.getNextFireTime().toInstant());
            }
        }

        @Override
        public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
            return false;
        }
    }
}
