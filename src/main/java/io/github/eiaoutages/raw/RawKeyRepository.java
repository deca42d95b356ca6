package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.extract.PageCursor;
import io.github.eiaoutages.period.Period;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The idempotent repository of the raw store ({@code idempotentRepository: rawKeys} in
 * {@code routes/records.camel.yaml}), run-scoped so that it can never claim a row that is not on disk.
 *
 * <p>Each run has its own key state ({@link RunKeys}), found by the run id inside every key
 * ({@link IdempotencyKey}). Before a dataset's pages are fetched, {@link #prepare} loads the committed keys of the
 * periods its planned windows can receive — newest periods and look-back, backfill windows, range re-fetches,
 * conflicts and gaps fetched again — from the Parquet parts whose period range overlaps them; the raw store stays
 * the single source of truth, and memory follows what a run fetches, not the size of the history. Keys a run
 * accepts stay <em>pending</em> until the run commits its files ({@link RawCommitter}); then the run's state is
 * dropped, as it is when the run fails, so a killed run leaves nothing behind.
 */
@Component("rawKeys")
public class RawKeyRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger log = LoggerFactory.getLogger(RawKeyRepository.class);

    private final Map<String, RunKeys> runs = new ConcurrentHashMap<>();
    private final RawStore store;
    private final DatasetCatalog datasets;
    private final AtomicBoolean oldRoutesReported = new AtomicBoolean();
    /**
     * Runs whose state was dropped, newest last: rows of a failed run still on their way (a window that had not
     * noticed the failure) must not bring its state back, and with it every committed key of the dataset.
     */
    private final java.util.LinkedHashSet<String> ended = new java.util.LinkedHashSet<>();

    public RawKeyRepository(RawStore store, DatasetCatalog datasets) {
        this.store = store;
        this.datasets = datasets;
    }

    /**
     * Loads the committed keys of {@code datasetId} that the run's planned windows can meet: the union of the
     * windows' periods (an open-ended window reaches to the newest stored period), each widened a little. Run
     * folders committed before parts were written sorted by period are sorted first, once ({@link RawStore#sortOldRuns}).
     *
     * @param cursors the windows {@code eiaPaging.plan} returned for the dataset
     * @return the windows, unchanged, for the next step of the route
     */
    public List<PageCursor> prepare(String runId, String datasetId, List<PageCursor> cursors) {
        DatasetSpec dataset = datasets.get(datasetId);
        store.sortOldRuns(datasetId);
        RunKeys.DatasetKeys keys = run(runId).dataset(datasetId);
        long keysBefore = keys.committedCount();
        long started = System.nanoTime();
        int partsRead = 0;
        int partsTotal = 0;
        for (long[] range : union(dataset, cursors)) {
            RunKeys.KeyLoad load =
                    keys.load(range[0], range[1], dataset.frequency().hourly());
            partsRead += load.partsRead();
            partsTotal = load.partsTotal();
        }
        log.info(
                "{}: loaded {} committed keys for the run's {} window(s) from {} of {} Parquet parts in {} ms",
                datasetId,
                keys.committedCount() - keysBefore,
                cursors.size(),
                partsRead,
                partsTotal,
                (System.nanoTime() - started) / 1_000_000);
        return cursors;
    }

    /**
     * The windows' periods as few ranges as possible, {@code [from, to]} in stored values (an open end is
     * {@link Long#MAX_VALUE}): a backfill's windows touch each other and load as one range.
     */
    static List<long[]> union(DatasetSpec dataset, List<PageCursor> cursors) {
        List<long[]> ranges = new java.util.ArrayList<>();
        for (PageCursor cursor : cursors) {
            long from = stored(dataset.frequency().parse(cursor.firstPeriod()));
            long to = cursor.lastPeriod() == null
                    ? Long.MAX_VALUE
                    : stored(dataset.frequency().parse(cursor.lastPeriod()));
            ranges.add(new long[] {from, to});
        }
        ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new java.util.ArrayList<>();
        long step = dataset.frequency().hourly() ? 3_600_000L : 31;
        for (long[] range : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (last[1] == Long.MAX_VALUE || range[0] <= last[1] + step)) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    private static long stored(Period period) {
        return ((Number) period.storedValue()).longValue();
    }

    /** The key state of a run, created when first needed. */
    RunKeys run(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunKeys(id, store::loadKeys));
    }

    /** The key state of a run if it has one (read-only callers: a run that staged nothing has none). */
    RunKeys existing(String runId) {
        RunKeys keys = runs.get(runId);
        return keys != null ? keys : new RunKeys(runId, store::loadKeys);
    }

    /** The run committed (its keys are in Parquet now) or failed (they never happened): its state goes. */
    void end(String runId) {
        synchronized (ended) {
            ended.add(runId);
            if (ended.size() > 100) {
                ended.remove(ended.iterator().next());
            }
        }
        runs.remove(runId);
    }

    private boolean hasEnded(String runId) {
        synchronized (ended) {
            return ended.contains(runId);
        }
    }

    /** The key state of every run that has one, by run id. */
    Map<String, RunKeys> runs() {
        return runs;
    }

    /** Runs holding key state now: one while a run is active, none between runs. */
    public int activeRuns() {
        return runs.size();
    }

    /** The key state of the key's run and dataset; null when that run has ended (its rows are no longer wanted). */
    private RunKeys.DatasetKeys keysOf(String key) {
        String runId = IdempotencyKey.runPart(key);
        if (hasEnded(runId)) {
            return null;
        }
        RunKeys.DatasetKeys keys = run(runId).dataset(IdempotencyKey.datasetPart(key));
        if (!keys.prepared()) {
            // Routes of an earlier release do not call prepare: load every committed key of the dataset, as before.
            if (oldRoutesReported.compareAndSet(false, true)) {
                log.warn(
                        "routes/ingest.camel.yaml is older than this release (no load-keys step after plan-requests): "
                                + "every committed key of {} is loaded into memory. Copy the release's routes/ingest.camel.yaml "
                                + "and carry your own changes over",
                        keys.dataset());
            }
            keys.load(
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    datasets.get(keys.dataset()).frequency().hourly());
        }
        return keys;
    }

    /** True when the row is new to the run; a row of a run that has ended is dropped (false). */
    @Override
    public boolean add(String key) {
        RunKeys.DatasetKeys keys = keysOf(key);
        return keys != null
                && keys.add(IdempotencyKey.rowPart(key), IdempotencyKey.keyPart(key), IdempotencyKey.periodPart(key));
    }

    @Override
    public boolean contains(String key) {
        RunKeys.DatasetKeys keys = keysOf(key);
        return keys == null || keys.contains(IdempotencyKey.rowPart(key));
    }

    /** Called by the idempotent consumer when the exchange of a row fails: forget the pending row. */
    @Override
    public boolean remove(String key) {
        RunKeys.DatasetKeys keys = keysOf(key);
        return keys != null && keys.remove(IdempotencyKey.rowPart(key));
    }

    @Override
    public boolean confirm(String key) {
        // Confirmation waits for the run's commit, not for the row's exchange.
        return true;
    }

    /** Drops the state of every run (Camel calls this on the repository; runs are one at a time). */
    @Override
    public void clear() {
        runs.clear();
    }

    @Override
    protected void doStop() {
        runs.clear();
    }
}
