package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Period;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The commit point of a run: writes each dataset's {@code _manifest.json} into its staging folder, renames the
 * folder to {@code run=<id>} in one atomic step, and only then makes the run's idempotency keys permanent.
 * A run that fails before this leaves neither files nor keys behind.
 */
@Component("rawCommitter")
public class RawCommitter {

    private final RawStore store;
    private final RawKeyRepository keys;
    private final DatasetCatalog datasets;
    private final DuckDb duckDb;
    private final ObjectMapper mapper;
    private final ConflictingRows conflictingRows;

    public RawCommitter(RawStore store, RawKeyRepository keys, DatasetCatalog datasets, DuckDb duckDb, ObjectMapper mapper,
                        ConflictingRows conflictingRows) {
        this.conflictingRows = conflictingRows;
        this.store = store;
        this.keys = keys;
        this.datasets = datasets;
        this.duckDb = duckDb;
        this.mapper = mapper;
    }

    /**
     * Commits every dataset the run staged. Rows of identities that came with conflicting values are first taken
     * out into quarantine ({@link ConflictingRows}); then each dataset's manifest is written and its staging folder
     * renamed to {@code run=<id>}, and only then do the run's keys become permanent.
     *
     * @param fetches what the run asked EIA for, per dataset (written into each manifest)
     */
    public synchronized RawCommit commit(String runId, List<String> scope, Map<String, RunManifest.Fetch> fetches) {
        Map<String, RunManifest> staged = new LinkedHashMap<>();
        Map<String, RawCommit.Conflicts> conflicts = new LinkedHashMap<>();
        Map<String, java.util.SortedSet<String>> conflictPeriods = new LinkedHashMap<>();
        for (DatasetSpec dataset : datasets.all()) {
            Path staging = store.stagingDir(dataset.id(), runId);
            store.forgetPartCounter(dataset.id(), runId);
            if (!Files.isDirectory(staging)) {
                continue;
            }
            LongSet conflicting = keys.conflicts(dataset.id());
            if (!conflicting.isEmpty()) {
                ConflictingRows.Withdrawn withdrawn = conflictingRows.withdraw(dataset, runId, parts(staging),
                        store.committedParts(dataset.id()), conflicting, keys.committedVersions(dataset.id()));
                keys.withdraw(withdrawn.rows(), withdrawn.identities());
                conflicts.put(dataset.id(), new RawCommit.Conflicts(withdrawn.identities().size(), withdrawn.quarantined()));
                conflictPeriods.put(dataset.id(), withdrawn.periods());
            }
            List<Path> parts = parts(staging);
            if (parts.isEmpty()) {
                RawStore.deleteTree(staging);
                continue;
            }
            staged.put(dataset.id(), manifest(dataset, runId, parts, fetches.get(dataset.id())));
        }
        // Every accepted row must be in a part: a part the aggregator failed to write would otherwise
        // leave keys claiming rows that are not on disk.
        long written = staged.values().stream().mapToLong(RunManifest::rows).sum();
        long accepted = keys.pendingCount();
        if (written != accepted) {
            throw new IllegalStateException("Run " + runId + " accepted " + accepted + " rows but its Parquet parts hold "
                    + written + "; nothing was committed (see the log for the failed write)");
        }
        Map<String, Long> revisions = keys.pendingRevisions();
        staged.replaceAll((dataset, manifest) -> manifest.withRevisions(revisions.getOrDefault(dataset, 0L)));
        for (RunManifest manifest : staged.values()) {
            Path staging = store.stagingDir(manifest.dataset(), runId);
            writeDurably(staging.resolve(RawStore.MANIFEST), manifest);
            try {
                Files.move(staging, store.committedDir(manifest.dataset(), runId), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not commit " + staging + " (rename to run=" + runId + ")", e);
            }
        }
        keys.commitPending();
        // The periods of keys that came with conflicting values are asked for again by the next run of the dataset,
        // whatever its look-back, until EIA answers them consistently.
        scope.forEach(dataset -> store.rememberConflicts(dataset, conflictPeriods.getOrDefault(dataset, new java.util.TreeSet<>())));
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
        keys.discardPending();
        for (DatasetSpec dataset : datasets.all()) {
            store.forgetPartCounter(dataset.id(), runId);
            RawStore.deleteTree(store.stagingDir(dataset.id(), runId));
            store.removeStagingIfEmpty(dataset.id());
        }
    }

    private RunManifest manifest(DatasetSpec dataset, String runId, List<Path> parts, RunManifest.Fetch fetch) {
        String period = dataset.period().column();
        // The period range in the dataset's own format: the label EIA sent where rows keep one (a local hour's
        // offset is not recoverable from the instant), else the day.
        String range = dataset.storesPeriodLabel()
                ? "arg_min(" + DatasetSpec.PERIOD_LABEL + ", " + period + "), arg_max(" + DatasetSpec.PERIOD_LABEL + ", " + period + ")"
                : "min(" + period + ")::VARCHAR, max(" + period + ")::VARCHAR";
        String sql = "SELECT filename, count(*), " + range + " FROM read_parquet("
                + DuckDb.literal(parts) + ", filename = true, hive_partitioning = false) GROUP BY filename";
        Map<String, long[]> rowsByFile = new LinkedHashMap<>();
        Period min = null;
        Period max = null;
        try (Connection c = duckDb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rowsByFile.put(Path.of(rs.getString(1)).getFileName().toString(), new long[] {rs.getLong(2)});
                Period first = dataset.frequency().parse(rs.getString(3));
                Period last = dataset.frequency().parse(rs.getString(4));
                min = min == null || first.isBefore(min) ? first : min;
                max = max == null || last.isAfter(max) ? last : max;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A Parquet part of run " + runId + " cannot be read back: " + e.getMessage(), e);
        }
        List<RunManifest.Part> entries = new ArrayList<>();
        long rows = 0;
        for (Path part : parts) {
            String name = part.getFileName().toString();
            long partRows = rowsByFile.getOrDefault(name, new long[] {0})[0];
            rows += partRows;
            entries.add(new RunManifest.Part(name, partRows, size(part), sha256(part)));
        }
        return new RunManifest(runId, dataset.id(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), rows, 0, min == null ? null : min.label(),
                max == null ? null : max.label(), entries, fetch);
    }

    private void writeDurably(Path target, Object value) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(temp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    private static List<Path> parts(Path staging) {
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
