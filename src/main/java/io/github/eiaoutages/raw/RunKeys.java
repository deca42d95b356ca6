package io.github.eiaoutages.raw;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The idempotency state of one run: per dataset, the committed keys of the periods the run can receive (loaded
 * from the raw store for its windows), and what the run itself accepted — pending rows and identities, revisions,
 * conflicts. Nothing here outlives the run: its commit writes the rows to Parquet, which is where the next run reads
 * them from, and a failed run simply drops the object.
 *
 * <p>Keys are 64-bit fingerprints ({@link IdempotencyKey}) in primitive sets and maps: a committed key costs about
 * 60-90 bytes (its newest row, its run and the row set), an accepted row about 80 (pending sets). A row whose
 * period lies outside the loaded periods (EIA sent more than was asked) makes its dataset load that period first,
 * so a key is never judged against periods that were not read.
 */
final class RunKeys {

    /** Reads committed keys of a dataset from the raw store: see {@link RawStore#loadKeys}. */
    interface Loader {
        /**
         * Adds to {@code into} the keys of every committed part of {@code dataset} that may hold periods in
         * {@code [from, to]} (stored values: epoch day, or epoch ms for hourly kinds), skipping parts in
         * {@code read}, which it extends.
         */
        KeyLoad load(String dataset, long from, long to, Set<String> read, DatasetKeys into);
    }

    /** What one load read: parts read of the dataset's total, keys added, milliseconds taken. */
    record KeyLoad(int partsRead, int partsTotal, long keys, long millis) {}

    private final String runId;
    private final Loader loader;
    /** Concurrent: every row of every window looks its dataset up here, and windows run side by side. */
    private final Map<String, DatasetKeys> datasets = new java.util.concurrent.ConcurrentHashMap<>();

    RunKeys(String runId, Loader loader) {
        this.runId = runId;
        this.loader = loader;
    }

    String runId() {
        return runId;
    }

    DatasetKeys dataset(String datasetId) {
        return datasets.computeIfAbsent(datasetId, id -> new DatasetKeys(id, loader));
    }

    /** Datasets this run has keys of, so far. */
    List<DatasetKeys> all() {
        return new ArrayList<>(datasets.values());
    }

    /** Rows accepted by this run and not withdrawn, over all its datasets: what its parts must hold. */
    long pendingCount() {
        return all().stream().mapToLong(DatasetKeys::pendingCount).sum();
    }

    /**
     * One dataset's keys within the run. The committed sets hold whole-row fingerprints (a hit is a duplicate) and
     * identities (a hit on a new row is a revision), for the loaded periods only.
     */
    static final class DatasetKeys {

        /** Loaded periods are widened by this much, so that rows near a window's edge never need a second load. */
        private static final long DAY_MS = 86_400_000L;

        private final String dataset;
        private final Loader loader;
        private final LongOpenHashSet committedRows = new LongOpenHashSet();
        /**
         * Per committed identity, its newest stored version's row fingerprint and run (as a number: run ids are
         * times); older versions are not duplicates of anything.
         */
        private final Long2LongOpenHashMap newestRun = new Long2LongOpenHashMap();

        private final Long2LongOpenHashMap newestRow = new Long2LongOpenHashMap();
        private final LongOpenHashSet pendingRows = new LongOpenHashSet();
        private final LongOpenHashSet pendingKeys = new LongOpenHashSet();
        private final LongOpenHashSet pendingRevisions = new LongOpenHashSet();
        /** Every identity the run received, with the first whole-row fingerprint it came with. */
        private final Long2LongOpenHashMap seen = new Long2LongOpenHashMap();
        /** Identities the run received with two or more different sets of values: all their row fingerprints. */
        private final Long2ObjectOpenHashMap<LongOpenHashSet> conflicts = new Long2ObjectOpenHashMap<>();
        /** Loaded period ranges, {@code [from, to]} in stored values. */
        private final List<long[]> loaded = new ArrayList<>();

        private final Set<String> partsRead = new HashSet<>();
        private final List<KeyLoad> loads = new ArrayList<>();
        private boolean hourly;
        private volatile boolean prepared;

        DatasetKeys(String dataset, Loader loader) {
            this.dataset = dataset;
            this.loader = loader;
        }

        String dataset() {
            return dataset;
        }

        /**
         * Loads the committed keys of periods {@code [from, to]} (stored values; {@code hourly}: epoch ms, else
         * epoch days), widened by a day (hourly) or a week (the others: EIA moves a weekly label by a day or two).
         */
        synchronized KeyLoad load(long from, long to, boolean hourly) {
            this.hourly = hourly;
            long pad = hourly ? DAY_MS : 7;
            long lo = from == Long.MIN_VALUE ? from : from - pad;
            long hi = to == Long.MAX_VALUE ? to : to + pad;
            KeyLoad load = loader.load(dataset, lo, hi, partsRead, this);
            loaded.add(new long[] {lo, hi});
            loads.add(load);
            prepared = true;
            return load;
        }

        /** Whether keys were loaded for this run at all (routes of an earlier release skip the load-keys step). */
        boolean prepared() {
            return prepared;
        }

        synchronized boolean covers(long period) {
            for (long[] range : loaded) {
                if (period >= range[0] && period <= range[1]) {
                    return true;
                }
            }
            return false;
        }

        /** Loads received by this dataset so far (one per planned range, plus any period found outside them). */
        synchronized List<KeyLoad> loads() {
            return List.copyOf(loads);
        }

        /**
         * Called by the loader for every committed row it reads: only the newest stored version of an identity (by
         * run id, as the model serves it) makes an identical received row a duplicate. A value EIA revised and then
         * put back is stored again, since what is live is the revision.
         */
        synchronized void committed(long rowFingerprint, long keyFingerprint, long run) {
            if (newestRow.containsKey(keyFingerprint)) {
                long knownRun = newestRun.get(keyFingerprint);
                long knownRow = newestRow.get(keyFingerprint);
                // The same order as the model: newest run first, then the higher fingerprint (BIGINT, signed).
                if (knownRun > run || (knownRun == run && knownRow >= rowFingerprint)) {
                    return;
                }
                committedRows.remove(knownRow);
            }
            newestRun.put(keyFingerprint, run);
            newestRow.put(keyFingerprint, rowFingerprint);
            committedRows.add(rowFingerprint);
        }

        /**
         * The idempotent check of one received row: true when it is new (a new row or a revision) and now pending,
         * false for a duplicate of a stored or already received row.
         */
        synchronized boolean add(long row, long identity, long period) {
            if (!covers(period)) {
                load(period, period, hourly);
            }
            // A version already stored counts too: the same key with other values in the same run is a conflict.
            if (seen.containsKey(identity) && seen.get(identity) != row) {
                LongOpenHashSet versions = conflicts.computeIfAbsent(identity, i -> new LongOpenHashSet());
                versions.add(seen.get(identity));
                versions.add(row);
            } else {
                seen.putIfAbsent(identity, row);
            }
            if (committedRows.contains(row) || !pendingRows.add(row)) {
                return false;
            }
            if (pendingKeys.add(identity) && newestRow.containsKey(identity)) {
                pendingRevisions.add(identity);
            }
            return true;
        }

        synchronized boolean contains(long row) {
            return committedRows.contains(row) || pendingRows.contains(row);
        }

        /** The exchange of an accepted row failed: forget the pending row. */
        synchronized boolean remove(long row) {
            return pendingRows.remove(row);
        }

        /** Identities that came with conflicting values in this run. */
        synchronized LongSet conflicts() {
            return new LongOpenHashSet(conflicts.keySet());
        }

        /** Of the conflicting versions, those stored before this run (they stay live). */
        synchronized LongSet committedVersions() {
            LongOpenHashSet committed = new LongOpenHashSet();
            conflicts
                    .values()
                    .forEach(versions -> versions.forEach(row -> {
                        if (committedRows.contains(row)) {
                            committed.add(row);
                        }
                    }));
            return committed;
        }

        /** Conflicting rows were taken out of staging: their rows and identities are not committed. */
        synchronized void withdraw(LongSet rows, LongSet identities) {
            pendingRows.removeAll(rows);
            pendingKeys.removeAll(identities);
            pendingRevisions.removeAll(identities);
        }

        /** Pending identities that were committed before with other values. */
        synchronized long revisions() {
            return pendingRevisions.size();
        }

        synchronized long pendingCount() {
            return pendingRows.size();
        }

        /** Committed keys loaded so far. */
        synchronized long committedCount() {
            return committedRows.size();
        }
    }
}
