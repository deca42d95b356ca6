package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.storage.StorageFiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The layout of {@code data/raw/}: a run writes parts to {@code <dataset>/_staging/<run>/} and commits by
 * renaming that folder to {@code <dataset>/run=<run>/}. Readers only ever look at {@code run=*} folders. A run
 * folder of an earlier release, whose parts are not sorted by period, is rewritten once as
 * {@code run=<run>.sorted/} by the same protocol ({@link #sortOldRuns}); from the rename on it replaces the old
 * folder, which is then deleted.
 */
@Component("rawStore")
public class RawStore {

    static final String STAGING = "_staging";
    /** A cluster's data folder (clustered mode writes it; a single instance refuses the folder). */
    static final String CLUSTER_MARK = ".cluster";

    static final String RUN_PREFIX = "run=";
    static final String MANIFEST = "_manifest.json";
    static final String CONFLICTS = "_conflicts.json";
    /** How to get the rows of a run folder moved aside back: its periods are in its manifest. */
    static final String REFETCH = "POST /refresh?dataset=<id>&start=<period_min>&end=<period_max> with the periods of "
            + "its _manifest.json; a folder that held the dataset's backfill is fetched again by the next run";
    /** Suffix of a run folder rewritten sorted by period; it replaces the folder without the suffix. */
    static final String SORTED = ".sorted";

    private static final Logger log = LoggerFactory.getLogger(RawStore.class);

    /** Runs that failed: their staging takes no more parts and is removed (see {@link #removeClosedStaging}). */
    private final java.util.Set<String> closedRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path rawDir;
    private final Path dataDir;
    private DataDirLock lock;
    /** pipeline.cluster.enabled: no folder lock, no staging removed at startup. */
    private final boolean clustered;

    private final DatasetCatalog datasets;
    private final DuckDb duckDb;
    private final RawParts rawParts;
    private final ObjectMapper mapper;
    private final Map<String, AtomicInteger> partCounters = new ConcurrentHashMap<>();

    public RawStore(PipelineProperties properties, DatasetCatalog datasets, DuckDb duckDb, ObjectMapper mapper) {
        this.rawDir = properties.storage().rawDir();
        this.dataDir = properties.storage().dataDir();
        this.mapper = mapper;
        this.datasets = datasets;
        this.duckDb = duckDb;
        this.rawParts = new RawParts(duckDb, properties);
        this.clustered = properties.cluster().enabled();
    }

    /**
     * Startup: staging left by a dead process is removed, a sort of an old run folder that was committed but not
     * yet cleaned up is finished, and stored periods are checked against the configured frequencies. No key is
     * loaded here: each run loads the keys of its own windows ({@link RawKeyRepository#prepare}).
     */
    @PostConstruct
    void lockAndRecover() {
        if (clustered) {
            // Several instances share the folder (a file lock is not reliable on network volumes): PostgreSQL's run
            // lease keeps runs apart, and staging is removed by the run's own abort or by the instance that takes a
            // dead instance's run over (settleTakenOver), never at startup, where it may be a live run's.
            // A single-instance process holding the folder would commit beside the cluster: refused.
            try {
                DataDirLock.acquire(dataDir).close();
            } catch (DataDirInUseException e) {
                throw InvalidConfigurationException.withAction(
                        "pipeline.storage.data-dir",
                        "(" + dataDir.toAbsolutePath() + ") is held by a single-instance process of this application"
                                + " (its .lock): the cluster would commit runs beside it",
                        "Stop that process, or start it in clustered mode too (PIPELINE_CLUSTER_ENABLED=true with the "
                                + "cluster's SPRING_DATASOURCE_* settings)");
            }
            markClustered();
            removeReplacedRunsAndCheck();
            return;
        }
        lock = DataDirLock.acquire(dataDir);
        if (Files.exists(dataDir.resolve(CLUSTER_MARK))) {
            lock.close();
            lock = null;
            throw InvalidConfigurationException.withAction(
                    "pipeline.cluster.enabled",
                    "is false, but " + dataDir.toAbsolutePath() + " is the data folder of a cluster (its "
                            + CLUSTER_MARK + " file says so): a single instance would commit runs beside the cluster's",
                    "Start this instance with PIPELINE_CLUSTER_ENABLED=true and the cluster's SPRING_DATASOURCE_* "
                            + "settings, or give it its own pipeline.storage.data-dir and modeled-dir. To use the folder "
                            + "with one instance again, stop every instance of the cluster and delete " + CLUSTER_MARK);
        }
        recover();
    }

    /** Marks the folder as a cluster's: a single-instance process refuses it from now on. */
    private void markClustered() {
        Path mark = dataDir.resolve(CLUSTER_MARK);
        if (Files.exists(mark)) {
            return;
        }
        try {
            Files.writeString(
                    mark,
                    "This data folder is shared by the instances of a cluster (pipeline.cluster.enabled=true).\n"
                            + "A single-instance process refuses it. To use it with one instance again, stop every"
                            + " instance of the cluster and delete this file.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + mark + "; check that " + dataDir + " is writable", e);
        }
    }

    private void removeReplacedRunsAndCheck() {
        for (DatasetSpec dataset : datasets.all()) {
            removeReplacedRuns(dataset.id());
            checkStoredPeriods(dataset);
        }
    }

    /**
     * Settles a run another instance was running when it stopped (clustered mode), all or nothing: when one of its
     * datasets is committed already ({@code run=<id>} exists), the commit had begun and every manifest is written, so
     * the datasets still in staging are committed too; otherwise its staging is removed, and a dataset a late
     * rename committed meanwhile is removed as well.
     *
     * @return true when the run's raw rows are committed, false when nothing of it is
     */
    public boolean settleTakenOver(String runId) {
        if (datasets.all().stream().anyMatch(d -> Files.exists(committedDir(d.id(), runId)))) {
            for (DatasetSpec dataset : datasets.all()) {
                Path staging = stagingDir(dataset.id(), runId);
                if (Files.exists(staging.resolve(MANIFEST))) {
                    try {
                        Files.move(
                                staging,
                                committedDir(dataset.id(), runId),
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        log.warn("Committed {} of run {}, taken over in the middle of its commit", dataset.id(), runId);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not complete the commit of " + staging, e);
                    }
                } else if (Files.exists(staging)) {
                    StorageFiles.deleteTree(staging);
                }
                removeStagingIfEmpty(dataset.id());
            }
            return true;
        }
        discardStaging(runId);
        for (DatasetSpec dataset : datasets.all()) {
            Path late = committedDir(dataset.id(), runId);
            if (Files.exists(late)) {
                log.warn("Removing {}: a late commit of run {}, which was taken over before it committed", late, runId);
                StorageFiles.deleteTree(late);
            }
        }
        return false;
    }

    /**
     * Removes what run {@code runId} staged, in every dataset (clustered mode: the run of an instance that died or
     * stopped, taken over by this one). Nothing of it was committed; its rows are fetched again by the next run.
     *
     * @return the staging folders removed
     */
    public List<Path> discardStaging(String runId) {
        List<Path> removed = new java.util.ArrayList<>();
        for (DatasetSpec dataset : datasets.all()) {
            Path staging = stagingDir(dataset.id(), runId);
            if (Files.exists(staging)) {
                StorageFiles.deleteTree(staging);
                removed.add(staging);
            }
            removeStagingIfEmpty(dataset.id());
        }
        return removed;
    }

    @PreDestroy
    void unlock() {
        if (lock != null) {
            lock.close();
        }
    }

    void recover() {
        for (DatasetSpec dataset : datasets.all()) {
            Path staging = datasetDir(dataset.id()).resolve(STAGING);
            if (Files.isDirectory(staging)) {
                if (!isEmpty(staging)) {
                    log.warn("Removing uncommitted files of an interrupted run under {}", staging);
                }
                StorageFiles.deleteTree(staging);
            }
            removeReplacedRuns(dataset.id());
            checkStoredPeriods(dataset);
        }
    }

    /** Deletes {@code run=<id>} folders whose sorted copy {@code run=<id>.sorted} is committed (a stop came between). */
    private void removeReplacedRuns(String datasetId) {
        for (Path sorted : runFolders(datasetId)) {
            String name = sorted.getFileName().toString();
            if (name.endsWith(SORTED) && Files.exists(sorted.resolve(MANIFEST))) {
                Path old = sorted.resolveSibling(name.substring(0, name.length() - SORTED.length()));
                if (Files.exists(old)) {
                    log.info("Removing {}: its copy sorted by period, {}, is committed", old, name);
                    StorageFiles.deleteTree(old);
                }
            }
        }
    }

    /**
     * Rewrites, once, each committed run folder of the dataset whose parts are not sorted by period (written by an
     * earlier release, or without period ranges in its manifest), with the commit protocol: the sorted parts and
     * a manifest with the same run, rows and fetch go to {@code _staging/<run>.sorted/}, are checked to hold the
     * same number of rows, and are committed by one rename to {@code run=<run>.sorted}; only then is the old folder
     * deleted. Killed at any point, the store holds either the old folder or the sorted one as the committed run.
     */
    public void sortOldRuns(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        for (Path run : committedRuns(datasetId)) {
            RunManifest manifest = readManifest(run);
            if (manifest == null || RawParts.sorted(dataset, manifest.parts())) {
                continue;
            }
            long started = System.nanoTime();
            String name = run.getFileName().toString();
            Path staging = datasetDir(datasetId).resolve(STAGING).resolve(name.substring(RUN_PREFIX.length()) + SORTED);
            StorageFiles.deleteTree(staging);
            try {
                Files.createDirectories(staging);
                List<Path> copies = new ArrayList<>();
                for (Path part : RawParts.list(run)) {
                    Path copy = staging.resolve(part.getFileName());
                    Files.copy(part, copy);
                    copies.add(copy);
                }
                long before = rawParts.describe(dataset, copies).rows();
                RawParts.Described sorted = rawParts.describe(dataset, rawParts.sortByPeriod(dataset, staging, copies));
                if (sorted.rows() != before) {
                    throw new IllegalStateException("sorting " + run + " by period gave " + sorted.rows()
                            + " rows, not " + before + "; the folder was left as it is");
                }
                writeManifest(staging, manifest.withParts(sorted.parts()));
                Files.move(staging, run.resolveSibling(name + SORTED), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                StorageFiles.deleteTree(run);
                log.info(
                        "{}: sorted the parts of {} by period once ({} rows; {} parts, now {}) in {} ms, so that runs "
                                + "load only the keys of their windows",
                        datasetId,
                        name,
                        sorted.rows(),
                        copies.size(),
                        sorted.parts().size(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                StorageFiles.deleteTree(staging);
                // Not fatal: a key load reads every part of an unsorted folder, as before.
                log.warn(
                        "{}: could not sort {} by period ({}); runs read all of its parts for their keys",
                        datasetId,
                        name,
                        e.getMessage());
            }
        }
        removeStagingIfEmpty(datasetId);
    }

    /** Describes and sorts Parquet parts (for the commit, which rewrites a run's parts sorted by period). */
    RawParts parts() {
        return rawParts;
    }

    /** Writes {@code _manifest.json} into {@code folder} durably (temp file, fsync, atomic rename). */
    void writeManifest(Path folder, RunManifest manifest) {
        Path target = folder.resolve(MANIFEST);
        Path temp = target.resolveSibling(MANIFEST + ".tmp");
        try {
            Files.write(temp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            try (java.nio.channels.FileChannel channel =
                    java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(
                    temp,
                    target,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    /**
     * The committed runs of a dataset hold periods of its configured frequency. A frequency changed under stored
     * rows (annual to monthly, say) would mix two shapes in one store and break every run and health check, so it
     * stops startup with what to do instead.
     */
    private void checkStoredPeriods(DatasetSpec dataset) {
        for (RunManifest manifest : manifests(dataset.id())) {
            for (String label : new String[] {manifest.periodMin(), manifest.periodMax()}) {
                if (label == null) {
                    continue;
                }
                try {
                    dataset.frequency().parse(label);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidConfigurationException(
                            "pipeline.datasets." + dataset.id() + ".frequency",
                            "is '"
                                    + dataset.frequency().eiaName() + "', but " + datasetDir(dataset.id())
                                    + " holds rows of another "
                                    + "frequency (period '" + label + "' in run=" + manifest.runId()
                                    + "): a dataset's frequency cannot "
                                    + "change under stored rows. Keep the old frequency, add the new shape under another dataset id, "
                                    + "or move that folder aside to copy the dataset again");
                }
            }
        }
    }

    /**
     * Keeps the periods (in the dataset's format) of keys the dataset's last run received with conflicting values in
     * {@code data/raw/<dataset>/_conflicts.json}; none removes the file.
     */
    void rememberConflicts(String datasetId, java.util.SortedSet<String> periods) {
        Path file = datasetDir(datasetId).resolve(CONFLICTS);
        try {
            if (periods.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(CONFLICTS + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), Map.of("periods", List.copyOf(periods)));
            Files.move(
                    temp,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** The periods whose keys came with conflicting values in the dataset's last run: its next run asks again. */
    public List<Period> unresolvedConflicts(String datasetId) {
        Path file = datasetDir(datasetId).resolve(CONFLICTS);
        if (!Files.exists(file)) {
            return List.of();
        }
        DatasetSpec dataset = datasets.get(datasetId);
        try {
            List<Period> periods = new ArrayList<>();
            for (Object label :
                    (List<?>) mapper.readValue(file.toFile(), Map.class).get("periods")) {
                periods.add(dataset.frequency().parse(label.toString()));
            }
            return periods;
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    /**
     * A failed run's staging is closed: no part is written into it any more ({@link #nextPartName}), and what is
     * still there is removed by {@link #removeClosedStaging}.
     */
    void closeStaging(String runId) {
        closedRuns.add(runId);
    }

    /**
     * Removes the staging folders of closed runs: windows of a failed run still writing when it was aborted may
     * have finished a part after the abort's removal. Returns the folders that could not be removed yet.
     */
    List<Path> removeClosedStaging(String datasetId) {
        List<Path> left = new java.util.ArrayList<>();
        for (String runId : closedRuns) {
            Path staging = stagingDir(datasetId, runId);
            // A part being written when the folder is walked makes one pass fail; the writer is done a moment later.
            for (int attempt = 1; Files.exists(staging); attempt++) {
                try {
                    StorageFiles.deleteTree(staging);
                } catch (java.io.UncheckedIOException e) {
                    if (attempt == 10) {
                        left.add(staging);
                        break;
                    }
                    try {
                        Thread.sleep(50L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        left.add(staging);
                        break;
                    }
                }
            }
        }
        removeStagingIfEmpty(datasetId);
        return left;
    }

    /** Removes the {@code _staging} folder of a dataset once no run is using it. */
    void removeStagingIfEmpty(String datasetId) {
        Path staging = datasetDir(datasetId).resolve(STAGING);
        if (Files.isDirectory(staging) && isEmpty(staging)) {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // A run started meanwhile: its staging is in there.
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    public Path rawDir() {
        return rawDir;
    }

    public Path datasetDir(String datasetId) {
        return rawDir.resolve(datasetId);
    }

    public Path stagingDir(String datasetId, String runId) {
        return datasetDir(datasetId).resolve(STAGING).resolve(runId);
    }

    public Path committedDir(String datasetId, String runId) {
        return datasetDir(datasetId).resolve(RUN_PREFIX + runId);
    }

    /**
     * The file name of the next part, relative to {@code data/raw}: what the file endpoint writes.
     *
     * @throws IllegalStateException for a run that has failed: a window still fetching when its run failed must not
     *     write into the staging the run's abort removes
     */
    public String nextPartName(String datasetId, String runId) {
        if (closedRuns.contains(runId)) {
            throw new IllegalStateException(
                    "Run " + runId + " has ended; its remaining rows of " + datasetId + " are not written");
        }
        int part = partCounters
                .computeIfAbsent(datasetId + "/" + runId, k -> new AtomicInteger())
                .incrementAndGet();
        return datasetId + "/" + STAGING + "/" + runId + "/" + String.format("part-%05d.parquet", part);
    }

    void forgetPartCounter(String datasetId, String runId) {
        partCounters.remove(datasetId + "/" + runId);
    }

    /**
     * Committed run folders of a dataset, oldest first (run ids sort by time, and {@code run=<id>.sorted} right
     * after {@code run=<id>}); a folder whose sorted copy is committed is left out.
     */
    public List<Path> committedRuns(String datasetId) {
        List<Path> runs = runFolders(datasetId).stream()
                .filter(p -> Files.exists(p.resolve(MANIFEST)))
                .toList();
        java.util.Set<String> names = new java.util.HashSet<>();
        runs.forEach(p -> names.add(p.getFileName().toString()));
        return runs.stream()
                .filter(p -> !names.contains(p.getFileName() + SORTED))
                .toList();
    }

    /** The run id of a committed run folder: {@code run=<id>} or {@code run=<id>.sorted}. */
    public static String runIdOf(Path runFolder) {
        String name = runFolder.getFileName().toString();
        name = name.endsWith(SORTED) ? name.substring(0, name.length() - SORTED.length()) : name;
        return name.startsWith(RUN_PREFIX) ? name.substring(RUN_PREFIX.length()) : name;
    }

    private List<Path> runFolders(String datasetId) {
        Path dir = datasetDir(datasetId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith(RUN_PREFIX))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The newest period the committed runs of a dataset hold (from their manifests, which write it in the dataset's
     * own format), or null when there are none: where an incremental run starts, less its look-back.
     */
    public Period newestCommittedPeriod(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        Period newest = null;
        for (RunManifest manifest : manifests(datasetId)) {
            if (manifest.periodMax() != null) {
                Period period = dataset.frequency().parse(manifest.periodMax());
                newest = newest == null || period.isAfter(newest) ? period : newest;
            }
        }
        return newest;
    }

    /**
     * The first period a committed backfill of the dataset asked for, or null when none did (its runs so far
     * only re-fetched ranges): an ordinary run then backfills. Runs committed before manifests recorded what they
     * fetched count as a backfill from the dataset's start, as they were one.
     */
    public Period backfilledFrom(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        Period earliest = null;
        for (RunManifest manifest : manifests(datasetId)) {
            Period from = manifest.fetch() == null
                    ? dataset.start()
                    : manifest.fetch().backfill() && manifest.fetch().from() != null
                            ? dataset.frequency().parse(manifest.fetch().from())
                            : null;
            earliest = from == null || (earliest != null && !from.isBefore(earliest)) ? earliest : from;
        }
        return earliest;
    }

    /** The manifests of a dataset's committed runs, oldest first. */
    public List<RunManifest> manifests(String datasetId) {
        List<RunManifest> manifests = new ArrayList<>();
        for (Path run : committedRuns(datasetId)) {
            RunManifest manifest = readManifest(run);
            if (manifest != null) {
                manifests.add(manifest);
            }
        }
        return manifests;
    }

    /** The manifest of a run folder; null when the folder went meanwhile (replaced by its sorted copy). */
    private RunManifest readManifest(Path run) {
        try {
            return mapper.readValue(run.resolve(MANIFEST).toFile(), RunManifest.class);
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(run)) {
                return null;
            }
            String dataset = run.getParent().getFileName().toString();
            throw new RawStoreUnreadableException(
                    "The manifest of " + run + " cannot be read (" + e.getMessage()
                            + "); move that run= folder aside and restart, then fetch the periods it held again: POST /refresh?dataset="
                            + dataset
                            + "&start=<first>&end=<last>, with the periods its parts hold (duckdb -c \"SELECT min(period), "
                            + "max(period) FROM '" + run
                            + "/*.parquet'\"; a folder that held the dataset's backfill is fetched "
                            + "again by the next run)",
                    e);
        }
    }

    /** The committed part files of a dataset, for readers such as the modeling bean. */
    public List<Path> committedParts(String datasetId) {
        List<Path> parts = new ArrayList<>();
        for (Path run : committedRuns(datasetId)) {
            parts.addAll(StorageFiles.parquetFiles(run));
        }
        return parts;
    }

    /**
     * Adds to {@code into} the idempotency keys of the committed parts of {@code datasetId} that may hold periods
     * in {@code [from, to]} (stored values: epoch day, or epoch ms for hourly kinds): parts whose recorded range
     * overlaps it, and parts without a range. Parts in {@code read} are skipped and those read are added to it.
     */
    RunKeys.KeyLoad loadKeys(
            String datasetId, long from, long to, java.util.Set<String> read, RunKeys.DatasetKeys into) {
        long started = System.nanoTime();
        DatasetSpec dataset = datasets.get(datasetId);
        List<Path> chosen = new ArrayList<>();
        int total = 0;
        for (Path run : committedRuns(datasetId)) {
            RunManifest manifest = readManifest(run);
            Map<String, RunManifest.Part> ranges = new java.util.HashMap<>();
            if (manifest != null && manifest.parts() != null) {
                manifest.parts().forEach(part -> ranges.put(part.file(), part));
            }
            for (Path part : RawParts.list(run)) {
                total++;
                RunManifest.Part entry = ranges.get(part.getFileName().toString());
                boolean overlaps = entry == null
                        || entry.periodMin() == null
                        || entry.periodMax() == null
                        || (stored(dataset, entry.periodMin()) <= to && stored(dataset, entry.periodMax()) >= from);
                if (overlaps && read.add(part.toString())) {
                    chosen.add(part);
                }
            }
        }
        long keys = 0;
        if (!chosen.isEmpty()) {
            String sql = duckDb.sql("raw/key_fingerprints.sql").replace("{{parts}}", DuckDb.literal(chosen));
            try (Connection c = duckDb.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    into.committed(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    keys++;
                }
            } catch (SQLException e) {
                throw new RawStoreUnreadableException(
                        "Could not read the committed raw files of " + datasetId + " under "
                                + datasetDir(datasetId) + " for the run's idempotency keys: " + e.getMessage()
                                + ". If a file named there is damaged, move its run= folder aside and fetch its periods again ("
                                + REFETCH.replace("<id>", datasetId) + ")",
                        e);
            }
        }
        return new RunKeys.KeyLoad(chosen.size(), total, keys, (System.nanoTime() - started) / 1_000_000);
    }

    private static long stored(DatasetSpec dataset, String label) {
        return ((Number) dataset.frequency().parse(label).storedValue()).longValue();
    }
}
