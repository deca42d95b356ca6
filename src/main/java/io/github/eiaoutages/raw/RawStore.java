package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Period;
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
import org.springframework.util.FileSystemUtils;

/**
 * The layout of {@code data/raw/}: a run writes parts to {@code <dataset>/_staging/<run>/} and commits by
 * renaming that folder to {@code <dataset>/run=<run>/}. Readers only ever look at {@code run=*} folders.
 */
@Component("rawStore")
public class RawStore {

    static final String STAGING = "_staging";
    static final String RUN_PREFIX = "run=";
    static final String MANIFEST = "_manifest.json";
    static final String CONFLICTS = "_conflicts.json";

    private static final Logger log = LoggerFactory.getLogger(RawStore.class);

    private final Path rawDir;
    private final Path dataDir;
    private DataDirLock lock;
    private final DatasetCatalog datasets;
    private final RawKeyRepository keys;
    private final DuckDb duckDb;
    private final ObjectMapper mapper;
    private final Map<String, AtomicInteger> partCounters = new ConcurrentHashMap<>();

    public RawStore(PipelineProperties properties, DatasetCatalog datasets, RawKeyRepository keys, DuckDb duckDb,
                    ObjectMapper mapper) {
        this.rawDir = properties.storage().rawDir();
        this.dataDir = properties.storage().dataDir();
        this.mapper = mapper;
        this.datasets = datasets;
        this.keys = keys;
        this.duckDb = duckDb;
    }

    /**
     * Startup: staging left by a dead process is removed, stored periods are checked against the configured
     * frequencies, and the idempotent repository is told how to rebuild itself when a run first needs it.
     */
    @PostConstruct
    void lockAndRecover() {
        lock = DataDirLock.acquire(dataDir);
        recover();
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
                deleteTree(staging);
            }
            checkStoredPeriods(dataset);
        }
        // The idempotent repository is rebuilt when a run first needs it, not here: a server is ready without it.
        keys.loadWith(this::loadAllFingerprints);
    }

    private void loadAllFingerprints() {
        long started = System.nanoTime();
        long rows = 0;
        for (DatasetSpec dataset : datasets.all()) {
            rows += loadFingerprints(dataset.id());
        }
        if (rows > 0) {
            log.info("Rebuilt the idempotent repository from {} committed raw rows in {} ms", rows,
                    (System.nanoTime() - started) / 1_000_000);
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
                    throw new InvalidConfigurationException("pipeline.datasets." + dataset.id() + ".frequency", "is '"
                            + dataset.frequency().eiaName() + "', but " + datasetDir(dataset.id()) + " holds rows of another "
                            + "frequency (period '" + label + "' in run=" + manifest.runId() + "): a dataset's frequency cannot "
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
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
            for (Object label : (List<?>) mapper.readValue(file.toFile(), Map.class).get("periods")) {
                periods.add(dataset.frequency().parse(label.toString()));
            }
            return periods;
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return List.of();
        }
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

    /** The file name of the next part, relative to {@code data/raw}: what the file endpoint writes. */
    public String nextPartName(String datasetId, String runId) {
        int part = partCounters.computeIfAbsent(datasetId + "/" + runId, k -> new AtomicInteger()).incrementAndGet();
        return datasetId + "/" + STAGING + "/" + runId + "/" + String.format("part-%05d.parquet", part);
    }

    void forgetPartCounter(String datasetId, String runId) {
        partCounters.remove(datasetId + "/" + runId);
    }

    /** Committed run folders of a dataset, oldest first (run ids sort by time). */
    public List<Path> committedRuns(String datasetId) {
        Path dir = datasetDir(datasetId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith(RUN_PREFIX))
                    .filter(p -> Files.exists(p.resolve(MANIFEST)))
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
            Period from = manifest.fetch() == null ? dataset.start()
                    : manifest.fetch().backfill() && manifest.fetch().from() != null
                    ? dataset.frequency().parse(manifest.fetch().from()) : null;
            earliest = from == null || (earliest != null && !from.isBefore(earliest)) ? earliest : from;
        }
        return earliest;
    }

    /** The manifests of a dataset's committed runs, oldest first. */
    public List<RunManifest> manifests(String datasetId) {
        List<RunManifest> manifests = new ArrayList<>();
        for (Path run : committedRuns(datasetId)) {
            try {
                manifests.add(mapper.readValue(run.resolve(MANIFEST).toFile(), RunManifest.class));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("The manifest of " + run + " cannot be read (" + e.getMessage()
                        + "); move the damaged run= folder aside and restart", e);
            }
        }
        return manifests;
    }

    /** The committed part files of a dataset, for readers such as the modeling bean. */
    public List<Path> committedParts(String datasetId) {
        List<Path> parts = new ArrayList<>();
        for (Path run : committedRuns(datasetId)) {
            try (Stream<Path> files = Files.list(run)) {
                files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().forEach(parts::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parts;
    }

    private long loadFingerprints(String datasetId) {
        List<Path> parts = committedParts(datasetId);
        if (parts.isEmpty()) {
            return 0;
        }
        String sql = "SELECT " + RawRecordSchema.ROW_FINGERPRINT + ", " + RawRecordSchema.KEY_FINGERPRINT + " FROM read_parquet(" + DuckDb.literal(parts)
                + ", hive_partitioning = false)";
        long rows = 0;
        try (Connection c = duckDb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                keys.loadCommitted(rs.getLong(1), rs.getLong(2));
                rows++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the committed raw files of " + datasetId + " under "
                    + datasetDir(datasetId) + ": " + e.getMessage() + ". Move damaged run= folders aside and restart.", e);
        }
        return rows;
    }

    static void deleteTree(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + dir, e);
        }
    }
}
