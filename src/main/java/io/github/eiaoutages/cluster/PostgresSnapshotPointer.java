package io.github.eiaoutages.cluster;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.model.CurrentSnapshotChanged;
import io.github.eiaoutages.model.SnapshotPointer;
import io.github.eiaoutages.model.SnapshotPublisher;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;

/**
 * The current model snapshot's id in PostgreSQL ({@code pipeline_snapshot}), written at each publication and read
 * by every instance every {@code pipeline.cluster.snapshot-poll}. A new id is announced as
 * {@link CurrentSnapshotChanged}, and the API loads that snapshot before it answers from it: an instance serves a
 * snapshot published elsewhere within the poll plus its load time, without a restart.
 */
public class PostgresSnapshotPointer implements SnapshotPointer {

    private static final Logger log = LoggerFactory.getLogger(PostgresSnapshotPointer.class);

    private final ClusterDatabase database;
    private final String instance;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<SnapshotPublisher> publisher;
    private final ScheduledExecutorService timer;
    private volatile String current;

    PostgresSnapshotPointer(
            ClusterDatabase database,
            PipelineProperties.Cluster settings,
            ApplicationEventPublisher events,
            ObjectProvider<SnapshotPublisher> publisher) {
        this.database = database;
        this.instance = settings.instance();
        this.events = events;
        this.publisher = publisher;
        // Read once now: the API's startup load asks for the current snapshot while the application starts.
        this.current = read();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-snapshot-poll");
            thread.setDaemon(true);
            return thread;
        });
        long poll = settings.snapshotPoll().toMillis();
        timer.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> currentId() {
        return Optional.ofNullable(current);
    }

    @Override
    public void published(String snapshotId) {
        if (database.jdbc().update(ClusterSql.get("snapshot_publish"), snapshotId, instance, snapshotId) == 1) {
            current = snapshotId;
        } else {
            log.warn("Snapshot {} is not made current: the cluster already serves a newer one", snapshotId);
        }
    }

    private void poll() {
        try {
            String id = read();
            if (id == null) {
                id = adoptLinked();
            }
            if (id != null && !Objects.equals(id, current)) {
                current = id;
                log.info("Model snapshot {} is current (published by another instance)", id);
                events.publishEvent(new CurrentSnapshotChanged(id));
            }
        } catch (RuntimeException e) {
            // PostgreSQL unreachable for a moment: the API keeps serving the snapshot it has.
            log.warn("Could not read the current model snapshot from PostgreSQL: {}", e.getMessage());
        }
    }

    /**
     * A data folder served by a single instance before clustered mode was turned on has a {@code modeled/current}
     * but no id in PostgreSQL yet: the first instance to poll makes it the cluster's.
     */
    private String adoptLinked() {
        SnapshotPublisher snapshots = publisher.getIfAvailable();
        if (snapshots == null) {
            return null;
        }
        return snapshots
                .linked()
                .map(linked -> {
                    database.jdbc().update(ClusterSql.get("snapshot_adopt"), linked.id(), instance);
                    return read();
                })
                .orElse(null);
    }

    private String read() {
        try {
            List<String> ids = database.jdbc().queryForList(ClusterSql.get("snapshot_read"), String.class);
            return ids.isEmpty() ? null : ids.get(0);
        } catch (DataAccessException e) {
            log.warn("Could not read the current model snapshot from PostgreSQL: {}", e.getMessage());
            return current;
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
