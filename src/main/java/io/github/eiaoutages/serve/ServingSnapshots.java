package io.github.eiaoutages.serve;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.CurrentSnapshotChanged;
import io.github.eiaoutages.model.NoModelYetException;
import io.github.eiaoutages.model.Snapshot;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.model.SnapshotUnreadableException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The snapshot the API answers from, loaded into memory once per published snapshot. Requests take the table
 * that is current when they start and keep it, so an answer is never a mix of two builds. A snapshot that cannot be
 * read (a truncated file) does not stop the server: requests for data answer 503 saying so, health shows it
 * (SnapshotPublisher remembers it), and the next run rebuilds the model.
 */
@Component("servingSnapshots")
public class ServingSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ServingSnapshots.class);

    private final DuckDb duckDb;
    private final SnapshotPublisher publisher;
    private final AtomicReference<ServingIndex> loaded = new AtomicReference<>();

    /** The snapshot on disk, loading while the rest of the application starts (readiness waits for it). */
    private final CompletableFuture<Void> startupLoad;

    public ServingSnapshots(DuckDb duckDb, SnapshotPublisher publisher) {
        this.duckDb = duckDb;
        this.publisher = publisher;
        this.startupLoad = CompletableFuture.runAsync(this::loadCurrent, runnable -> {
            Thread thread = new Thread(runnable, "snapshot-startup-load");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The table of {@code modeled/current} with its indexes; loads and indexes it when a new snapshot was published
     * since the last call.
     *
     * @throws NoModelYetException when nothing has been published yet
     * @throws SnapshotUnreadableException when the published snapshot cannot be read
     */
    ServingIndex current() {
        Snapshot snapshot = publisher.current().orElseThrow(NoModelYetException::new);
        ServingIndex index = loaded.get();
        if (index != null && index.table.snapshotId.equals(snapshot.id())) {
            return index;
        }
        publisher.unreadable(snapshot).ifPresent(reason -> {
            throw new SnapshotUnreadableException(snapshot.id(), reason);
        });
        return load(snapshot);
    }

    /** Loads a newly built snapshot ahead of the first request (route model-build); fails the run if it cannot. */
    public void warm() {
        loadCurrent();
    }

    /**
     * Loads the snapshot on disk ahead of the first request: the load began when this bean was made, and readiness
     * (published after this listener) waits for it to end. A snapshot that cannot be read is logged, not fatal.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warmAtStartup() {
        startupLoad.exceptionally(failed -> null).join();
        try {
            loadCurrent();
        } catch (SnapshotUnreadableException e) {
            log.warn("{}; until then the API answers 503 for data", e.getMessage());
        }
    }

    /**
     * Clustered mode: another instance published a snapshot. It is loaded now, on the poll's thread, so requests
     * keep the previous one until the new one is whole in memory; one that cannot be read is logged, as at startup.
     */
    @EventListener(CurrentSnapshotChanged.class)
    public void publishedElsewhere(CurrentSnapshotChanged changed) {
        try {
            loadCurrent();
        } catch (SnapshotUnreadableException e) {
            log.warn("{}; until then the API answers 503 for data", e.getMessage());
        }
    }

    private void loadCurrent() {
        if (publisher.current().isPresent()) {
            current();
        }
    }

    private synchronized ServingIndex load(Snapshot snapshot) {
        ServingIndex index = loaded.get();
        if (index != null && index.table.snapshotId.equals(snapshot.id())) {
            return index;
        }
        long started = System.nanoTime();
        ServingTable table;
        try {
            table = ServingTable.load(duckDb, snapshot);
        } catch (SQLException e) {
            // DuckDB's first line names the file and what is wrong with it; the rest is its advice on SQL.
            String reason = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse(e.toString());
            publisher.markUnreadable(snapshot, reason);
            throw new SnapshotUnreadableException(snapshot.id(), reason);
        }
        index = new ServingIndex(table);
        loaded.set(index);
        log.info(
                "Serving model snapshot {}: {} events, {} plants, loaded in {} ms",
                snapshot.id(),
                table.size,
                table.plants.size(),
                (System.nanoTime() - started) / 1_000_000);
        return index;
    }
}
