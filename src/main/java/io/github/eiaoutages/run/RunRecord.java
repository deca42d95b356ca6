package io.github.eiaoutages.run;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.eiaoutages.extract.PageCursor;
import io.github.eiaoutages.model.QualityCheck;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.raw.RunManifest;
import io.github.eiaoutages.security.SecretMasking;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One run as it goes: who started it, how it went, and what each dataset received and stored. Its JSON (answers,
 * the run store) is its {@link #report()}, the one shape a stored run is read back into as well.
 */
public final class RunRecord {

    private final String runId;
    private final String trigger;
    private final Instant startedAt;
    private volatile RunStatus status = RunStatus.RUNNING;
    private volatile Instant finishedAt;
    private volatile String snapshot;
    private volatile Long modelBuildMs;
    private volatile String error;
    private volatile List<QualityCheck> qualityChecks;
    private volatile boolean rawCommitted;
    private final Map<String, DatasetCounts> datasets = new LinkedHashMap<>();
    private final List<String> scope;
    private final PeriodRange range;
    private final List<PageCursor> cursors = new CopyOnWriteArrayList<>();
    private final List<String> notices = new ArrayList<>();
    /** The thread the run's route runs on, interrupted when the application stops before the run can end. */
    private volatile Thread thread;

    private volatile boolean interruptRequested;
    /** Why the run was asked to stop, when it is not the application stopping (a lost lease, in clustered mode). */
    private volatile String interruptReason;
    /** Set when the run lost its lease (clustered mode): every window, also those planned later, stops. */
    private volatile boolean fetchingStopped;

    private boolean committing;
    private final String instance;
    private final Map<String, RunManifest.Fetch> fetches = new LinkedHashMap<>();

    RunRecord(String runId, String trigger, Instant startedAt, List<String> scope, PeriodRange range) {
        this(runId, trigger, startedAt, scope, range, null);
    }

    RunRecord(String runId, String trigger, Instant startedAt, List<String> scope, PeriodRange range, String instance) {
        this.instance = instance;
        this.runId = runId;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.scope = List.copyOf(scope);
        this.range = range;
    }

    /**
     * The periods a range re-fetch asks for again ({@code POST /refresh?dataset=&start=&end=}), in the dataset's
     * format; null for every other run.
     */
    public RunReport.RefetchRange getRange() {
        return range == null
                ? null
                : new RunReport.RefetchRange(
                        range.start().label(),
                        range.end() == null ? null : range.end().label());
    }

    PeriodRange range() {
        return range;
    }

    /** The datasets this run ingests, in order. */
    public List<String> getDatasetsRequested() {
        return scope;
    }

    /**
     * While the run is active: pages fetched of the pages expected (estimated from EIA's totals as they come
     * in), rows received, rows/s and the seconds left at that pace (null until a page is in, or when no more are
     * expected). Null once the run has ended.
     */
    public RunReport.RunProgress getProgress() {
        if (status != RunStatus.RUNNING) {
            return null;
        }
        long pagesDone = 0;
        long pagesExpected = 0;
        long rows = 0;
        for (PageCursor cursor : cursors) {
            pagesDone += cursor.pages();
            pagesExpected += cursor.expectedPages();
            rows += cursor.rowsReceived();
        }
        double seconds =
                Math.max(0.001, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        return new RunReport.RunProgress(
                cursors.size(),
                pagesDone,
                Math.max(pagesDone, pagesExpected),
                rows,
                Math.round(rows / seconds),
                Math.round(seconds),
                pagesDone > 0 && pagesExpected > pagesDone
                        ? Math.round((pagesExpected - pagesDone) * seconds / pagesDone)
                        : null);
    }

    /**
     * The run as it is now, in the shape answered and stored ({@link RunReport}); also what Jackson writes for a
     * RunRecord, so no second JSON shape of a run exists. Each getter takes its own lock, as they did when Jackson
     * read them one by one.
     */
    @JsonValue
    public RunReport report() {
        Map<String, RunReport.DatasetCounts> counts = new LinkedHashMap<>();
        getDatasets().forEach((dataset, c) -> counts.put(dataset, c.report()));
        return new RunReport(
                runId,
                trigger,
                startedAt,
                getStatus(),
                finishedAt,
                snapshot,
                modelBuildMs,
                error,
                qualityChecks,
                rawCommitted,
                counts,
                getRange(),
                instance,
                getDurationMs(),
                getRowsAccepted(),
                scope,
                getProgress(),
                getWarnings());
    }

    void attach(Thread runThread) {
        this.thread = runThread;
    }

    /**
     * Asks the run to stop: its thread is interrupted, and however it ends it is recorded as interrupted. A run
     * inside its raw commit is not interrupted there (a file write interrupted half-way would commit some datasets
     * and not others): its thread is interrupted when the commit has ended.
     */
    synchronized void interrupt() {
        interrupt(null);
    }

    /** {@link #interrupt()}, recording {@code reason} (starting "interrupted: ") instead of the stop's own. */
    synchronized void interrupt(String reason) {
        if (reason != null && interruptReason == null) {
            interruptReason = reason;
        }
        interruptRequested = true;
        Thread runThread = thread;
        if (runThread != null && !committing) {
            runThread.interrupt();
        }
    }

    /** Every window of the run stops after its current page (the run will not commit). */
    void stopFetching() {
        fetchingStopped = true;
        cursors.forEach(PageCursor::failed);
    }

    /** The raw commit starts, unless the run was asked to stop: then it must not commit at all. */
    synchronized boolean beginCommit() {
        if (interruptRequested) {
            return false;
        }
        committing = true;
        return true;
    }

    /** The raw commit has ended (or failed); a stop asked for meanwhile interrupts the thread now. */
    synchronized void endCommit() {
        committing = false;
        Thread runThread = thread;
        if (interruptRequested && runThread != null) {
            runThread.interrupt();
        }
    }

    synchronized boolean committing() {
        return committing;
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    String interruptReason() {
        return interruptReason;
    }

    /** The instance that runs it: {@code pipeline.cluster.instance-name}, or the host name and process id. */
    public String getInstance() {
        return instance;
    }

    synchronized void fetched(String dataset, RunManifest.Fetch fetch) {
        fetches.put(dataset, fetch);
    }

    synchronized Map<String, RunManifest.Fetch> fetches() {
        return new LinkedHashMap<>(fetches);
    }

    void track(List<PageCursor> planned) {
        cursors.addAll(planned);
        if (fetchingStopped) {
            // Windows of a later dataset, planned after the run was told to stop fetching: they stop at once too.
            planned.forEach(PageCursor::failed);
        }
    }

    public String getRunId() {
        return runId;
    }

    public String getTrigger() {
        return trigger;
    }

    /** The run's state: the RunStatus name in lower case ({@link RunReport#status()} lists them). */
    public String getStatus() {
        return status.name().toLowerCase();
    }

    RunStatus status() {
        return status;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Long getDurationMs() {
        return finishedAt == null
                ? null
                : Duration.between(startedAt, finishedAt).toMillis();
    }

    /** The model snapshot this run published, if it built one. */
    public String getSnapshot() {
        return snapshot;
    }

    /** True once the run's raw files are committed; a later failure (the model) does not undo them. */
    public boolean isRawCommitted() {
        return rawCommitted;
    }

    void rawCommitted() {
        this.rawCommitted = true;
    }

    /** How long building the model took, when the run built one. */
    public Long getModelBuildMs() {
        return modelBuildMs;
    }

    public String getError() {
        return error;
    }

    public synchronized Map<String, DatasetCounts> getDatasets() {
        return new LinkedHashMap<>(datasets);
    }

    /** Rows stored by the run over all datasets. */
    public synchronized long getRowsAccepted() {
        return datasets.values().stream().mapToLong(DatasetCounts::rowsAccepted).sum();
    }

    synchronized DatasetCounts counts(String dataset) {
        return datasets.computeIfAbsent(dataset, d -> new DatasetCounts());
    }

    synchronized void finish(RunStatus status, String error) {
        this.status = status;
        this.error = error;
        this.finishedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        cursors.clear();
    }

    void snapshot(String snapshot, long buildMs, List<QualityCheck> checks) {
        this.snapshot = snapshot;
        this.modelBuildMs = buildMs;
        this.qualityChecks = List.copyOf(checks);
    }

    /** The checks of the model this run built; absent when it built none. */
    public List<QualityCheck> getQualityChecks() {
        return qualityChecks;
    }

    /**
     * What a user should look at, one line each, starting with the dataset it concerns: first why the run's data is
     * doubtful ({@link #doubts()}: every row quarantined, an empty first backfill, conflicting duplicates, a window
     * short of EIA's total), then what it found that is not doubtful but not what {@code expect-complete} promised
     * (gaps fetched again that EIA still has no rows for).
     */
    public synchronized List<String> getWarnings() {
        List<String> warnings = doubts();
        warnings.addAll(notices);
        return warnings.isEmpty() ? null : warnings;
    }

    /** Why the run's data is doubtful, one line per problem, each starting with the dataset it concerns. */
    synchronized List<String> doubts() {
        List<String> doubts = new ArrayList<>();
        datasets.forEach((id, counts) -> counts.warnings().forEach(w -> doubts.add(id + ": " + SecretMasking.mask(w))));
        return doubts;
    }

    /** A warning that does not make the run degraded: the data is as EIA has it (see {@link #getWarnings()}). */
    synchronized void notice(String dataset, String warning) {
        notices.add(dataset + ": " + SecretMasking.mask(warning));
    }

    /** Degraded: a quality check of its model failed, or a dataset's data is doubtful ({@link #doubts()}). */
    boolean degraded() {
        List<QualityCheck> checks = qualityChecks;
        return (checks != null && checks.stream().anyMatch(QualityCheck::failed)) || !doubts().isEmpty();
    }

    /** Looks at what each dataset received and stored once its raw rows are committed (or it stored none). */
    synchronized void judgeDatasets() {
        datasets.values().forEach(DatasetCounts::judge);
    }

    /**
     * Per-dataset counts. Duplicates are rows received that were neither stored nor quarantined, counted once the
     * run committed: before that nothing was stored, and every row would count as a duplicate.
     */
    public static final class DatasetCounts {
        private int pages;
        private long rowsReceived;
        private long rowsAccepted;
        private long rowsRevised;
        private long rowsQuarantined;
        private int parts;
        private long bytes;
        private String periodMin;
        private String periodMax;
        private long conflicts;
        private long conflictRows;
        private boolean backfill;
        private boolean incremental;
        private boolean committed;
        private String firstRejectReason;
        private final List<String> shortfalls = new ArrayList<>();
        /** Windows EIA answered with rows outside them: the answer is doubtful. */
        private final List<String> outside = new ArrayList<>();

        private final List<String> warnings = new ArrayList<>();
        /** Rows EIA sent for each gap fetched again ({@code fill-gaps}), over all of the gap's windows. */
        private final Map<PeriodRange, Long> gapRows = new LinkedHashMap<>();

        public int getPages() {
            return pages;
        }

        public long getRowsReceived() {
            return rowsReceived;
        }

        public long getRowsAccepted() {
            return rowsAccepted;
        }

        long rowsAccepted() {
            return rowsAccepted;
        }

        /** Stored rows whose key was stored before with other values: EIA revised them. */
        public long getRowsRevised() {
            return rowsRevised;
        }

        /** Rows received that were already stored; known only once the run committed (absent otherwise). */
        public Long getRowsDuplicate() {
            return committed ? Math.max(0, rowsReceived - rowsAccepted - rowsQuarantined) : null;
        }

        public long getRowsQuarantined() {
            return rowsQuarantined;
        }

        public int getParts() {
            return parts;
        }

        public long getBytes() {
            return bytes;
        }

        public String getPeriodMin() {
            return periodMin;
        }

        public String getPeriodMax() {
            return periodMax;
        }

        /** Keys that came with conflicting values in this run (their rows are quarantined and not stored). */
        public long getConflicts() {
            return conflicts;
        }

        /** The counts as answered and stored. */
        synchronized RunReport.DatasetCounts report() {
            return new RunReport.DatasetCounts(
                    pages,
                    rowsReceived,
                    rowsAccepted,
                    rowsRevised,
                    rowsQuarantined,
                    parts,
                    bytes,
                    periodMin,
                    periodMax,
                    conflicts,
                    getWarnings(),
                    getRowsDuplicate());
        }

        /** Why this dataset's data from this run is doubtful; absent when it is not. */
        public synchronized List<String> getWarnings() {
            return warnings.isEmpty() ? null : List.copyOf(warnings);
        }

        synchronized List<String> warnings() {
            return List.copyOf(warnings);
        }

        /** What kind of fetch the run planned for the dataset: its first (backfill), or its newest periods again. */
        synchronized void planned(boolean isBackfill, boolean isIncremental) {
            this.backfill = isBackfill;
            this.incremental = isIncremental;
        }

        /** Adds what one page cursor (one window) received; windows of a backfill add up. */
        synchronized void received(PageCursor cursor) {
            this.pages += cursor.pages();
            this.rowsReceived += cursor.rowsReceived();
            this.rowsQuarantined += cursor.rowsRejected();
            if (firstRejectReason == null) {
                firstRejectReason = cursor.firstRejectReason();
            }
            if (cursor.shortfall() != null) {
                shortfalls.add(cursor.shortfall());
            }
            if (cursor.outsideSummary() != null) {
                outside.add("window " + cursor.window() + ": " + cursor.outsideSummary());
            }
            if (cursor.gap() != null) {
                gapRows.merge(cursor.gap(), cursor.rowsReceived(), Long::sum);
            }
        }

        /** The gaps this run fetched again ({@code fill-gaps}) for which EIA sent no row at all. */
        synchronized List<PeriodRange> gapsStillEmpty() {
            return gapRows.entrySet().stream()
                    .filter(e -> e.getValue() == 0)
                    .map(Map.Entry::getKey)
                    .toList();
        }

        synchronized void conflicting(long keys, long rows) {
            this.conflicts += keys;
            this.conflictRows += rows;
            this.rowsQuarantined += rows;
        }

        /** Turns what the dataset received and stored into warnings: a run that stores nothing useful is no success. */
        synchronized void judge() {
            warnings.clear();
            if (rowsReceived > 0 && rowsQuarantined >= rowsReceived) {
                warnings.add("all " + rowsReceived + " rows quarantined: "
                        + (firstRejectReason != null ? firstRejectReason : "conflicting values")
                        + " (see data/quarantine/)");
            } else if (backfill && rowsReceived == 0) {
                warnings.add(
                        "the first run (backfill) received no rows at all: check the dataset's route, facets and start");
            } else if (incremental && rowsReceived == 0) {
                // The look-back covers the newest stored period: EIA had rows there before.
                warnings.add("asked again for its newest stored periods and received no rows at all: EIA may have "
                        + "withdrawn them, or the route or its facets changed");
            }
            if (conflicts > 0) {
                warnings.add(conflicts + " key(s) came with conflicting values in this run; their " + conflictRows
                        + " rows are quarantined, not stored, and the next run asks for them again");
            }
            shortfalls.forEach(s -> warnings.add("incomplete: " + s));
            outside.forEach(o -> warnings.add("EIA answered outside the query: " + o));
        }

        /** The run committed: rows not stored from here on are duplicates of stored ones. */
        synchronized void committed() {
            this.committed = true;
        }

        synchronized void stored(long rows, long revised, int parts, long bytes, String periodMin, String periodMax) {
            this.rowsAccepted = rows;
            this.rowsRevised = revised;
            this.parts = parts;
            this.bytes = bytes;
            this.periodMin = periodMin;
            this.periodMax = periodMax;
        }
    }
}
