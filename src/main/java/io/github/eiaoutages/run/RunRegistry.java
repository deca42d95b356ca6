package io.github.eiaoutages.run;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.extract.PageCursor;
import io.github.eiaoutages.model.ModelBuild;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.raw.RawCommit;
import io.github.eiaoutages.raw.RunManifest;
import io.github.eiaoutages.security.SecretMasking;
import io.github.eiaoutages.storage.StorageFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opens runs one at a time and keeps their records. Every trigger (schedule, API, startup) opens its run here,
 * so a second trigger while a run is active is refused instead of racing the first.
 */
@Component("runs")
public class RunRegistry {

    private static final Logger log = LoggerFactory.getLogger(RunRegistry.class);
    // Run ids sort by start time: the model orders revisions by run id.
    private static final int KEEP = 200;
    /** How long a stop waits for a raw commit under way (renames and manifests) rather than cutting it in half. */
    private static final long COMMIT_WAIT_MS = 60_000;

    private final AtomicReference<RunRecord> active = new AtomicReference<>();
    private final Deque<RunRecord> recent = new ConcurrentLinkedDeque<>();
    /** Records of earlier processes, newest first, as they were saved. */
    private final List<RunReport> history;

    private final RunStore store;
    private final DatasetCatalog datasets;
    private final ApplicationEventPublisher events;
    private Instant lastStart = Instant.EPOCH;
    private volatile boolean stopping;
    /** pipeline.schedule.wait-for-active-run. */
    private final long waitForActiveRunMillis;
    /** This instance's name, in every run record (pipeline.cluster.instance-name or host and pid). */
    private final String instance;
    /** The cluster's run lease; null in single-instance mode. */
    private final RunLease lease;
    /** The record of scheduled fires; null in single-instance mode. */
    private final ScheduleFires fires;

    /** With the default wait of a scheduled run for another one (30 minutes), single-instance. */
    public RunRegistry(RunStore store, DatasetCatalog datasets, ApplicationEventPublisher events) {
        this(store, datasets, events, java.time.Duration.ofMinutes(30), null, null, null);
    }

    /** Single-instance, with the settings' wait of a scheduled run for another one. */
    public RunRegistry(
            RunStore store,
            DatasetCatalog datasets,
            ApplicationEventPublisher events,
            io.github.eiaoutages.config.PipelineProperties properties) {
        this(store, datasets, events, properties, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /**
     * @param lease the cluster's run lease (clustered mode only)
     * @param fires the record of scheduled fires (clustered mode only)
     */
    @org.springframework.beans.factory.annotation.Autowired
    public RunRegistry(
            RunStore store,
            DatasetCatalog datasets,
            ApplicationEventPublisher events,
            io.github.eiaoutages.config.PipelineProperties properties,
            java.util.Optional<RunLease> lease,
            java.util.Optional<ScheduleFires> fires) {
        this(
                store,
                datasets,
                events,
                properties.schedule().waitForActiveRun(),
                properties.cluster().instance(),
                lease.orElse(null),
                fires.orElse(null));
    }

    private RunRegistry(
            RunStore store,
            DatasetCatalog datasets,
            ApplicationEventPublisher events,
            java.time.Duration waitForActiveRun,
            String instance,
            RunLease lease,
            ScheduleFires fires) {
        this.store = store;
        this.datasets = datasets;
        this.events = events;
        this.history = store.shared() ? List.of() : store.load(KEEP);
        this.waitForActiveRunMillis = waitForActiveRun.toMillis();
        this.instance = instance;
        this.lease = lease;
        this.fires = fires;
    }

    /** Opens a run of every configured dataset; throws {@link RunAlreadyActiveException} while another one is active. */
    public String open(String trigger) {
        return open(trigger, datasets.ids());
    }

    /** Opens a run of the given datasets; throws {@link RunAlreadyActiveException} while another one is active. */
    public String open(String trigger, List<String> scope) {
        return open(trigger, scope, null);
    }

    /**
     * Opens a run of the given datasets, or a range re-fetch ({@code range} not null: its one dataset's periods from
     * start to end again); throws {@link RunAlreadyActiveException} while another one is active.
     */
    public synchronized String open(String trigger, List<String> scope, PeriodRange range) {
        if (stopping) {
            throw new ApplicationStoppingException(
                    "The application is stopping: no new run starts; start it again " + "after the restart");
        }
        RunRecord current = active.get();
        if (current != null) {
            throw refusal(current);
        }
        // Milliseconds, like every timestamp the application writes (nanoseconds would show in some places only).
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!now.isAfter(lastStart)) {
            now = lastStart.plusMillis(1);
        }
        lastStart = now;
        RunRecord run =
                new RunRecord(StorageFiles.id(now), trigger == null ? "unknown" : trigger, now, scope, range, instance);
        if (lease != null) {
            // Refuses (409 naming the run and its instance) while any instance of the cluster runs one.
            lease.acquire(run, reason -> lost(run, reason));
        }
        active.set(run);
        recent.addFirst(run);
        while (recent.size() > KEEP) {
            recent.removeLast();
        }
        store.save(run);
        log.info(
                "Run {} started ({}{}{})",
                run.getRunId(),
                run.getTrigger(),
                scope.equals(datasets.ids()) ? "" : ", datasets " + scope,
                range == null ? "" : ", periods " + range);
        return run.getRunId();
    }

    /**
     * The run a trigger asks for ({@code trigger-run} route): a dataset's own run when {@code dataset} is set (a
     * schedule: {@link #openWhenIdle(String, String)}), otherwise a run of every dataset ({@link #open(String)}).
     *
     * @throws RunAlreadyActiveException when the run cannot start now
     */
    public String openFor(String trigger, String dataset) throws InterruptedException {
        return dataset == null || dataset.isBlank() ? open(trigger) : openWhenIdle(trigger, dataset);
    }

    /**
     * {@link #openFor(String, String)} for a Quartz fire scheduled at {@code scheduledFireTime} (null for other
     * triggers). In clustered mode the fire is first claimed, then recorded as run or skipped with the reason.
     *
     * @throws FireAlreadyClaimedException when another instance handles this fire
     */
    public String openFor(String trigger, String dataset, java.util.Date scheduledFireTime)
            throws InterruptedException {
        if (fires == null || scheduledFireTime == null || dataset == null || dataset.isBlank()) {
            return openFor(trigger, dataset);
        }
        Instant at = scheduledFireTime.toInstant();
        if (!fires.claim(dataset, at)) {
            throw new FireAlreadyClaimedException(dataset, at);
        }
        try {
            String runId = openWhenIdle(trigger, dataset);
            fires.ran(dataset, at, runId);
            return runId;
        } catch (RuntimeException | InterruptedException e) {
            fires.skipped(dataset, at, e.getMessage());
            throw e;
        }
    }

    /**
     * {@link #openWhenIdle(String, String, long)} with {@code pipeline.schedule.wait-for-active-run} as the wait
     * ({@code routes/ingest.camel.yaml}, the {@code dataset-schedule} template).
     */
    public String openWhenIdle(String trigger, String dataset) throws InterruptedException {
        return openWhenIdle(trigger, dataset, waitForActiveRunMillis);
    }

    /**
     * A scheduled run of one dataset: skipped ({@link RunAlreadyActiveException}) when a run of that dataset is
     * active, otherwise waits up to {@code maxWaitMillis} for a run of other datasets to end - schedules of
     * different datasets that fire together queue instead of losing their turn.
     */
    public synchronized String openWhenIdle(String trigger, String dataset, long maxWaitMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        while (true) {
            for (RunRecord current = active.get(); current != null; current = active.get()) {
                checkNotStopping(dataset);
                long left = deadline - System.currentTimeMillis();
                if (current.getDatasetsRequested().contains(dataset) || left <= 0) {
                    throw refusal(current);
                }
                wait(left);
            }
            try {
                return open(trigger, List.of(dataset));
            } catch (RunAlreadyActiveException elsewhere) {
                // Clustered mode: another instance runs; its end is seen by asking again, once a second.
                long left = deadline - System.currentTimeMillis();
                if (elsewhere.activeDatasets().contains(dataset) || left <= 0) {
                    throw elsewhere;
                }
                checkNotStopping(dataset);
                wait(Math.min(left, 1000));
            }
        }
    }

    /** A second run refused; in clustered mode the answer names this instance as the one running it. */
    private RunAlreadyActiveException refusal(RunRecord current) {
        return new RunAlreadyActiveException(
                current.getRunId(), lease == null ? null : instance, current.getDatasetsRequested());
    }

    private void checkNotStopping(String dataset) {
        if (stopping) {
            throw new ApplicationStoppingException("The application is stopping: the scheduled run of " + dataset
                    + " waits for the next fire after the restart");
        }
    }

    /** The periods a range re-fetch asks for again, or null for an ordinary run. */
    public PeriodRange range(String runId) {
        return get(runId).range();
    }

    /** The datasets a run ingests, in order. */
    public List<String> datasets(String runId) {
        return get(runId).getDatasetsRequested();
    }

    /** The windows a dataset's ingest planned: their pages make up the run's live progress. */
    public void planned(String runId, List<PageCursor> cursors) {
        RunRecord run = get(runId);
        if (run.interruptReason() != null) {
            // Clustered mode: the run lost its lease; its next dataset is not fetched at all.
            throw new ApplicationStoppingException(run.interruptReason());
        }
        run.track(cursors);
        if (!cursors.isEmpty()) {
            PageCursor first = cursors.get(0);
            boolean backfill = first.backfill();
            run.counts(first.dataset().id()).planned(backfill, !backfill && run.range() == null);
            run.fetched(
                    first.dataset().id(),
                    backfill
                            ? new RunManifest.Fetch(RunManifest.Fetch.BACKFILL, first.firstPeriod())
                            : new RunManifest.Fetch(
                                    run.range() == null ? RunManifest.Fetch.NEWEST : RunManifest.Fetch.RANGE,
                                    first.firstPeriod()));
        }
    }

    /** What the run asked EIA for, per dataset: written into the manifests of its commit. */
    public Map<String, RunManifest.Fetch> fetches(String runId) {
        return get(runId).fetches();
    }

    /** A window's pages are in; ignored once the run has ended (fetches still under way when it was interrupted). */
    public void recordIngest(String runId, PageCursor cursor) {
        RunRecord run = get(runId);
        if (run.status() == RunStatus.RUNNING) {
            run.counts(cursor.dataset().id()).received(cursor);
        }
    }

    /** The raw rows are committed: what each dataset stored, its conflicts, and what that says of its data. */
    public void recordCommit(String runId, RawCommit commit) {
        RunRecord run = get(runId);
        run.rawCommitted();
        run.endCommit();
        commit.manifests()
                .forEach((dataset, m) -> run.counts(dataset)
                        .stored(m.rows(), m.revisions(), m.parts().size(), m.bytes(), m.periodMin(), m.periodMax()));
        commit.conflicts().forEach((dataset, c) -> run.counts(dataset).conflicting(c.keys(), c.rows()));
        run.getDatasets().values().forEach(RunRecord.DatasetCounts::committed);
        run.judgeDatasets();
        store.save(run);
    }

    /** Per dataset of the run, the gaps it fetched again ({@code fill-gaps}) for which EIA sent no row at all. */
    public Map<String, List<PeriodRange>> gapsStillEmpty(String runId) {
        Map<String, List<PeriodRange>> empty = new java.util.LinkedHashMap<>();
        get(runId).getDatasets().forEach((dataset, counts) -> {
            List<PeriodRange> gaps = counts.gapsStillEmpty();
            if (!gaps.isEmpty()) {
                empty.put(dataset, gaps);
            }
        });
        return empty;
    }

    /**
     * Gaps this run fetched again that stayed empty and are now known as such (per dataset): a warning on the run,
     * once, that does not make it degraded - EIA simply has no rows for them, and later runs no longer ask.
     */
    public void gapsKnownEmpty(String runId, Map<String, List<PeriodRange>> known) {
        RunRecord run = get(runId);
        known.forEach((dataset, gaps) -> {
            String warning = gaps.size() == 1
                    ? "1 gap re-fetched and still empty (" + PeriodRange.listed(gaps)
                            + "): EIA has no rows for it; it is " + "not asked for again (see GET /datasets)"
                    : gaps.size() + " gaps re-fetched and still empty (" + PeriodRange.listed(gaps)
                            + "): EIA has no rows " + "for them; they are not asked for again (see GET /datasets)";
            run.notice(dataset, warning);
            log.warn("Run {}: {}: {}", runId, dataset, warning);
        });
    }

    public void recordModel(String runId, ModelBuild build) {
        get(runId).snapshot(build.snapshotId(), build.millis(), build.checks());
    }

    public RunRecord succeed(String runId) {
        RunRecord run = get(runId);
        if (run.status() != RunStatus.RUNNING) {
            return run;
        }
        boolean degraded = run.degraded();
        run.finish(degraded ? RunStatus.DEGRADED : RunStatus.SUCCEEDED, null);
        store.save(run);
        // Logged before waiters are released: whoever was told the run ended can find why in the log.
        log.info(
                "Run {} {} in {} ms: {} rows stored{}",
                runId,
                degraded ? "ended degraded" : "succeeded",
                run.getDurationMs(),
                run.getRowsAccepted(),
                run.getSnapshot() == null ? "" : ", model snapshot " + run.getSnapshot());
        // Warnings that do not degrade the run were logged when they arose.
        run.doubts().forEach(warning -> log.warn("Run {} is degraded: {}", runId, warning));
        ended(run);
        return run;
    }

    public RunRecord fail(String runId, Throwable cause) {
        RunRecord run = get(runId);
        if (run.status() != RunStatus.RUNNING) {
            return run;
        }
        if (run.interruptRequested() || (stopping && stoppedBy(cause))) {
            // A stop aborts the run's requests to EIA first: the run may fail of that before it is told why.
            return interrupted(run);
        }
        // EIA's own error text is quoted in messages, and EIA has been known to echo the key: mask it here too.
        String reason = SecretMasking.mask(cause == null ? "unknown error" : describe(cause));
        run.finish(RunStatus.FAILED, reason);
        store.save(run);
        log.error(
                "Run {} failed{}: {}",
                runId,
                run.isRawCommitted() ? " after committing its raw rows" : ", nothing of it was committed",
                reason);
        ended(run);
        return run;
    }

    /** The run's route runs on the calling thread: the one to interrupt if the application has to stop. */
    public void attach(String runId) {
        get(runId).attach(Thread.currentThread());
    }

    /**
     * The application is stopping: no run opens any more, and whoever waits (a scheduled fire, a
     * {@code POST /refresh?wait=true}) is released at once.
     */
    public synchronized void stopping() {
        stopping = true;
        notifyAll();
    }

    /** True once the application started to stop (SIGTERM, or any close of the application context). */
    public boolean isStopping() {
        return stopping;
    }

    /** Waits for the active run to end by itself, at most {@code maxWaitMillis}; true if none is active then. */
    public synchronized boolean awaitIdle(long maxWaitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        for (long left = maxWaitMillis;
                active.get() != null && left > 0;
                left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
        return active.get() == null;
    }

    /**
     * Stops the active run: its thread is interrupted, and it is recorded as {@code interrupted} when it fails, or
     * now if it does not end within {@code maxWaitMillis} (the caller then discards its staging).
     *
     * @return the run that was interrupted, if one was active
     */
    public java.util.Optional<RunRecord> interruptActive(long maxWaitMillis) throws InterruptedException {
        RunRecord run = active.get();
        if (run == null) {
            return java.util.Optional.empty();
        }
        run.interrupt();
        boolean ended = awaitIdle(maxWaitMillis);
        if (!ended && run.committing()) {
            // Half a commit would be worse than a late stop: renames and manifests take seconds, not minutes.
            log.info(
                    "Stopping: run {} is committing its raw rows; waiting up to {} s for the commit to end",
                    run.getRunId(),
                    COMMIT_WAIT_MS / 1000);
            long deadline = System.currentTimeMillis() + COMMIT_WAIT_MS;
            while (!ended && run.committing() && System.currentTimeMillis() < deadline) {
                ended = awaitIdle(200);
            }
            ended = ended || awaitIdle(maxWaitMillis);
        }
        if (!ended) {
            interrupted(run);
        }
        return java.util.Optional.of(run);
    }

    /**
     * Called right before the raw commit: a run asked to stop must not commit any more, and from here until
     * {@link #recordCommit} (or the run's end) a stop waits for the commit instead of interrupting it.
     *
     * @throws ApplicationStoppingException when it was asked to stop
     */
    public void checkNotInterrupted(String runId) {
        if (!get(runId).beginCommit()) {
            throw new ApplicationStoppingException("interrupted before its commit: the application is stopping");
        }
    }

    /**
     * Waits for a run to end, for {@code POST /refresh?wait=true}.
     *
     * @throws ApplicationStoppingException when the application starts to stop first: the client is answered at once
     */
    public synchronized RunRecord awaitEnd(String runId) throws InterruptedException {
        RunRecord run = get(runId);
        while (run.status() == RunStatus.RUNNING) {
            if (stopping) {
                throw new ApplicationStoppingException("interrupted: the application is stopping; run " + runId
                        + " ends within pipeline.shutdown.grace-period or is recorded as interrupted (GET /runs/"
                        + runId
                        + " after the restart)");
            }
            wait(1000);
        }
        return run;
    }

    private synchronized RunRecord interrupted(RunRecord run) {
        if (run.status() != RunStatus.RUNNING) {
            return run;
        }
        String reason = run.interruptReason() != null
                ? run.interruptReason()
                : "interrupted: the application was asked to stop and the run could not end "
                        + "within pipeline.shutdown.grace-period; "
                        + (run.isRawCommitted()
                                ? "its raw rows were committed, the next run rebuilds the model"
                                : "nothing of it was committed");
        run.finish(RunStatus.INTERRUPTED, reason);
        store.save(run);
        ended(run);
        // The reason begins with "interrupted: ".
        log.warn("Run {} {}", run.getRunId(), run.getError());
        return run;
    }

    /**
     * Clustered mode: this instance no longer holds the run lease (it was stopped or cut off for longer than the
     * lease, and another instance took the run over). The run stops and commits nothing.
     */
    private void lost(RunRecord run, String reason) {
        log.error("Run {} {}", run.getRunId(), reason);
        run.interrupt(reason);
        // Its windows stop after their current page: the instance that took over fetches with the same EIA key.
        run.stopFetching();
    }

    private synchronized void ended(RunRecord run) {
        if (lease != null) {
            lease.release(run);
        }
        active.compareAndSet(run, null);
        notifyAll();
        events.publishEvent(new RunFinished(run));
    }

    /** A run of this process. */
    public RunRecord get(String runId) {
        for (RunRecord run : recent) {
            if (run.getRunId().equals(runId)) {
                return run;
            }
        }
        throw new UnknownRunException(runId);
    }

    /**
     * A run of this process (as it is now) or, as saved, of an earlier one (in clustered mode also of another
     * instance): one shape either way.
     *
     * @throws UnknownRunException when no run has that id
     */
    public RunReport find(String runId) {
        if (store.shared()) {
            return findShared(runId);
        }
        for (RunRecord run : recent) {
            if (run.getRunId().equals(runId)) {
                return run.report();
            }
        }
        for (RunReport run : history()) {
            if (runId.equals(run.runId())) {
                return run;
            }
        }
        throw new UnknownRunException(runId);
    }

    /** At most {@code limit} runs, newest first: this process's, then those saved by earlier ones. */
    public List<RunReport> recent(int limit) {
        if (store.shared()) {
            return recentShared(limit);
        }
        List<RunReport> runs = new ArrayList<>();
        for (RunRecord run : recent) {
            if (runs.size() >= limit) {
                return runs;
            }
            runs.add(run.report());
        }
        for (RunReport run : history()) {
            if (runs.size() >= limit) {
                break;
            }
            runs.add(run);
        }
        return runs;
    }

    /**
     * Clustered mode: the record PostgreSQL holds, the same on every instance, except for a run still active here,
     * whose live record has fresher progress. (A run this instance lost to a take-over ends here with its own
     * reason, but answers as the instance that took it over recorded it.)
     */
    private RunReport findShared(String runId) {
        RunRecord local = recent.stream()
                .filter(run -> run.getRunId().equals(runId))
                .findFirst()
                .orElse(null);
        if (local != null && local.status() == RunStatus.RUNNING) {
            return local.report();
        }
        return store.find(runId).orElseGet(() -> {
            if (local == null) {
                throw new UnknownRunException(runId);
            }
            return local.report();
        });
    }

    /** Clustered mode: every instance's runs as PostgreSQL holds them, newest first; this one's active run live. */
    private List<RunReport> recentShared(int limit) {
        List<RunReport> runs = new ArrayList<>();
        RunRecord running = active.get();
        for (RunReport stored : store.load(limit)) {
            runs.add(running != null && running.getRunId().equals(stored.runId()) ? running.report() : stored);
        }
        return runs;
    }

    public RunRecord active() {
        return active.get();
    }

    /**
     * The newest finished run that covered {@code dataset}: of this process or, as saved, of an earlier one (in
     * clustered mode also of another instance).
     */
    public java.util.Optional<RunReport> lastFinished(String dataset) {
        RunReport found = null;
        for (RunRecord run : recent) {
            if (run.status() != RunStatus.RUNNING && run.getDatasetsRequested().contains(dataset)) {
                found = run.report();
                break;
            }
        }
        for (RunReport run : history()) {
            if (found != null && (!store.shared() || run.runId().compareTo(found.runId()) <= 0)) {
                break;
            }
            if (!run.running() && run.covers(dataset)) {
                return java.util.Optional.of(run);
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /**
     * Records of earlier processes, newest first: read once at startup, or in clustered mode at every call (every
     * instance writes them), without those of this process's own runs.
     */
    private List<RunReport> history() {
        if (!store.shared()) {
            return history;
        }
        java.util.Set<String> own = new java.util.HashSet<>();
        recent.forEach(run -> own.add(run.getRunId()));
        List<RunReport> others = new ArrayList<>();
        for (RunReport run : store.load(KEEP)) {
            if (!own.contains(run.runId())) {
                others.add(run);
            }
        }
        return others;
    }

    /** True when {@code cause} is the stop itself: requests aborted, the thread interrupted, no new turn at EIA. */
    private static boolean stoppedBy(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.CancellationException
                    || t instanceof InterruptedException
                    || t instanceof ApplicationStoppingException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outermost exception of this application says what went wrong and what to do (its message includes its
     * cause's); Camel's wrappers (split, multicast) only say where. Without one, the innermost cause.
     */
    private static String describe(Throwable cause) {
        Throwable chosen = null;
        Throwable root = cause;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (chosen == null && t.getClass().getName().startsWith("io.github.eiaoutages.")) {
                chosen = t;
            }
            root = t;
        }
        Throwable described = chosen != null ? chosen : root;
        String message = described.getMessage();
        return message == null || message.isBlank() ? described.getClass().getSimpleName() : message;
    }
}
