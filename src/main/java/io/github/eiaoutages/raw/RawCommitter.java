package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.storage.StorageFiles;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The commit point of a run: writes each dataset's {@code _manifest.json} into its staging folder, renames the
 * folder to {@code run=<id>} in one atomic step, and only then makes the run's idempotency keys permanent.
 * A run that fails before this leaves neither files nor keys behind.
 */
@Component("rawCommitter")
public class RawCommitter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RawCommitter.class);

    private final RawStore store;
    private final RawKeyRepository keys;
    private final DatasetCatalog datasets;
    private final ConflictingRows conflictingRows;
    private final RawParts rawParts;

    /** Clustered mode: the run lease, confirmed right before each rename; null in single-instance mode. */
    private final CommitFence fence;

    public RawCommitter(
            RawStore store, RawKeyRepository keys, DatasetCatalog datasets, ConflictingRows conflictingRows) {
        this(store, keys, datasets, conflictingRows, java.util.Optional.empty());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public RawCommitter(
            RawStore store,
            RawKeyRepository keys,
            DatasetCatalog datasets,
            ConflictingRows conflictingRows,
            java.util.Optional<CommitFence> fence) {
        this.fence = fence.orElse(null);
        this.conflictingRows = conflictingRows;
        this.store = store;
        this.keys = keys;
        this.datasets = datasets;
        this.rawParts = store.parts();
    }

    /**
     * Commits every dataset the run staged. Rows of identities that came with conflicting values are first taken
     * out into quarantine ({@link ConflictingRows}); then each dataset's manifest is written and its staging folder
     * renamed to {@code run=<id>}, and only then do the run's keys become permanent. Parts whose periods overlap
     * (windows fetched side by side share parts) are first rewritten sorted by period ({@link RawParts}).
     *
     * @param fetches what the run asked EIA for, per dataset (written into each manifest)
     */
    public synchronized RawCommit commit(String runId, List<String> scope, Map<String, RunManifest.Fetch> fetches) {
        Map<String, RunManifest> staged = new LinkedHashMap<>();
        Map<String, RawCommit.Conflicts> conflicts = new LinkedHashMap<>();
        Map<String, java.util.SortedSet<String>> conflictPeriods = new LinkedHashMap<>();
        RunKeys runKeys = keys.existing(runId);
        for (DatasetSpec dataset : datasets.all()) {
            // Leftovers of failed runs whose last window finished a part after their abort.
            store.removeClosedStaging(dataset.id());
            Path staging = store.stagingDir(dataset.id(), runId);
            store.forgetPartCounter(dataset.id(), runId);
            if (!Files.isDirectory(staging)) {
                continue;
            }
            RunKeys.DatasetKeys datasetKeys = runKeys.dataset(dataset.id());
            LongSet conflicting = datasetKeys.conflicts();
            if (!conflicting.isEmpty()) {
                ConflictingRows.Withdrawn withdrawn = conflictingRows.withdraw(
                        dataset,
                        runId,
                        RawParts.list(staging),
                        store.committedParts(dataset.id()),
                        conflicting,
                        datasetKeys.committedVersions());
                datasetKeys.withdraw(withdrawn.rows(), withdrawn.identities());
                conflicts.put(
                        dataset.id(),
                        new RawCommit.Conflicts(withdrawn.identities().size(), withdrawn.quarantined()));
                conflictPeriods.put(dataset.id(), withdrawn.periods());
            }
            List<Path> parts = RawParts.list(staging);
            if (parts.isEmpty()) {
                StorageFiles.deleteTree(staging);
                continue;
            }
            RawParts.Described described = rawParts.describe(dataset, parts);
            if (!RawParts.sorted(dataset, described.parts())) {
                described = rawParts.describe(dataset, rawParts.sortByPeriod(dataset, staging, parts));
            }
            staged.put(
                    dataset.id(),
                    new RunManifest(
                            runId,
                            dataset.id(),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS),
                            described.rows(),
                            datasetKeys.revisions(),
                            label(described.min()),
                            label(described.max()),
                            described.parts(),
                            fetches.get(dataset.id())));
        }
        // Every accepted row must be in a part: a part the aggregator failed to write would otherwise
        // leave keys claiming rows that are not on disk.
        long written = staged.values().stream().mapToLong(RunManifest::rows).sum();
        long accepted = runKeys.pendingCount();
        if (written != accepted) {
            throw new IllegalStateException(
                    "Run " + runId + " accepted " + accepted + " rows but its Parquet parts hold " + written
                            + "; nothing was committed (see the log for the failed write)");
        }
        // Every manifest first, then the renames: once one dataset is committed, the others can be committed by whoever
        // finishes (in clustered mode the instance that takes a stopped run over completes them).
        for (RunManifest manifest : staged.values()) {
            store.writeManifest(store.stagingDir(manifest.dataset(), runId), manifest);
        }
        if (fence != null) {
            fence.confirm(runId);
        }
        for (RunManifest manifest : staged.values()) {
            Path staging = store.stagingDir(manifest.dataset(), runId);
            Path committed = store.committedDir(manifest.dataset(), runId);
            if (fence != null) {
                // Checked at each rename, the moment that makes rows visible: a run taken over commits nothing more.
                fence.confirm(runId);
            }
            try {
                Files.move(staging, committed, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(staging) && Files.exists(committed)) {
                    // Clustered mode: the instance that took this run over completed its commit.
                    log.warn("{} was committed by the instance that took run {} over", committed, runId);
                    continue;
                }
                if (!Files.exists(staging)) {
                    throw new IllegalStateException("Run " + runId + " commits nothing: its staging " + staging
                            + " was removed, by the instance that took the run over (clustered mode)");
                }
                throw new UncheckedIOException("Could not commit " + staging + " (rename to run=" + runId + ")", e);
            }
        }
        // The run's keys are in the committed Parquet now, where the next run loads them from.
        keys.end(runId);
        // The periods of keys that came with conflicting values are asked for again by the next run of the dataset,
        // whatever its look-back, until EIA answers them consistently.
        scope.forEach(dataset ->
                store.rememberConflicts(dataset, conflictPeriods.getOrDefault(dataset, new java.util.TreeSet<>())));
        // An empty _staging folder left behind would read, at the next start, like an interrupted run.
        datasets.all().forEach(dataset -> store.removeStagingIfEmpty(dataset.id()));
        return new RawCommit(staged, conflicts);
    }

    /**
     * The call of a {@code routes/ingest.camel.yaml} older than manifests that record what a run fetched; its
     * manifests read like those of earlier releases.
     *
     * @deprecated routes call {@link #commit(String, List, Map)}
     */
    @Deprecated
    public RawCommit commit(String runId, List<String> scope) {
        return commit(runId, scope, Map.of());
    }

    /** Forgets everything the run staged: its files and its pending keys. */
    public synchronized void abort(String runId) {
        keys.end(runId);
        store.closeStaging(runId);
        for (DatasetSpec dataset : datasets.all()) {
            store.forgetPartCounter(dataset.id(), runId);
            // Never throws: a folder that cannot be removed yet must not keep the run from being recorded failed.
            for (java.nio.file.Path left : store.removeClosedStaging(dataset.id())) {
                log.warn(
                        "Could not remove {} yet (a window of the failed run was still writing); the next run or "
                                + "restart removes it. Nothing in it is ever committed",
                        left);
            }
        }
    }

    private static String label(Period period) {
        return period == null ? null : period.label();
    }
}
