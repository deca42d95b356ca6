package io.github.eiaoutages.raw;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;

/**
 * The idempotent repository of the raw store, run-scoped so that it can never claim a row that is not on disk.
 *
 * <p>Keys a run accepts stay <em>pending</em> until that run commits its files; a failed or killed run leaves
 * nothing behind, so its rows are fetched and accepted again next time. Committed keys are rebuilt from the
 * committed Parquet at startup: the raw store is the single source of truth, there is no second file to drift.
 * Keys are held as 64-bit fingerprints in primitive sets (about 16 bytes a key instead of ~150 for strings):
 * one set of whole rows (a hit is a duplicate) and one of row identities (a hit on a committed identity is a
 * revision). An identity that comes twice in one run with different values is a <em>conflict</em>: neither row
 * is the revision of the other, so both pass on to staging and the commit takes both out again into quarantine
 * ({@link RawCommitter}); their keys are never committed, and the next run asks for them again.
 */
@Component("rawKeys")
public class RawKeyRepository extends ServiceSupport implements IdempotentRepository {

    private final LongOpenHashSet committedRows = new LongOpenHashSet();
    private final LongOpenHashSet committedKeys = new LongOpenHashSet();
    private final LongOpenHashSet pendingRows = new LongOpenHashSet();
    private final LongOpenHashSet pendingKeys = new LongOpenHashSet();
    /** Pending identities that were committed before with other values, by dataset. */
    private final Map<String, LongOpenHashSet> pendingRevisions = new HashMap<>();
    /** Every identity the pending run received, with the first whole-row fingerprint it came with. */
    private final Long2LongOpenHashMap seen = new Long2LongOpenHashMap();
    /** Identities this run received with two or more different sets of values: all their row fingerprints, by dataset. */
    private final Map<String, Long2ObjectOpenHashMap<LongOpenHashSet>> conflicts = new HashMap<>();

    /** Rebuilds the committed sets from the raw store; run once, by the first caller that needs them. */
    private volatile Runnable loader = () -> { };
    private volatile boolean loaded;
    private final Object loading = new Object();

    /** How to rebuild the committed sets from the raw store (RawStore); they are rebuilt when first needed. */
    void loadWith(Runnable rebuild) {
        this.loader = rebuild;
        this.loaded = false;
    }

    /**
     * The committed sets, rebuilt on first use (never while this repository's lock is held: the rebuild itself
     * adds to them). A rebuild that fails fails the run that needed it, and the next one tries again.
     */
    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (loading) {
            if (!loaded) {
                loader.run();
                loaded = true;
            }
        }
    }

    @Override
    public boolean add(String key) {
        ensureLoaded();
        return addLoaded(key);
    }

    private synchronized boolean addLoaded(String key) {
        long row = IdempotencyKey.rowPart(key);
        long identity = IdempotencyKey.keyPart(key);
        String dataset = IdempotencyKey.datasetPart(key);
        // A version already stored counts too: the same key with other values in the same run is a conflict.
        if (seen.containsKey(identity) && seen.get(identity) != row) {
            LongOpenHashSet versions = conflicts.computeIfAbsent(dataset, d -> new Long2ObjectOpenHashMap<>())
                    .computeIfAbsent(identity, i -> new LongOpenHashSet());
            versions.add(seen.get(identity));
            versions.add(row);
        } else {
            seen.putIfAbsent(identity, row);
        }
        if (committedRows.contains(row) || !pendingRows.add(row)) {
            return false;
        }
        if (pendingKeys.add(identity) && committedKeys.contains(identity)) {
            pendingRevisions.computeIfAbsent(dataset, d -> new LongOpenHashSet()).add(identity);
        }
        return true;
    }

    @Override
    public boolean contains(String key) {
        ensureLoaded();
        synchronized (this) {
            long row = IdempotencyKey.rowPart(key);
            return committedRows.contains(row) || pendingRows.contains(row);
        }
    }

    /** Called by the idempotent consumer when the exchange of a row fails: forget the pending row. */
    @Override
    public synchronized boolean remove(String key) {
        return pendingRows.remove(IdempotencyKey.rowPart(key));
    }

    @Override
    public boolean confirm(String key) {
        // Confirmation waits for the run's commit, not for the row's exchange.
        return true;
    }

    @Override
    public synchronized void clear() {
        discardPending();
    }

    /** The identities of {@code dataset} that came with conflicting values in the pending run. */
    synchronized LongSet conflicts(String dataset) {
        Long2ObjectOpenHashMap<LongOpenHashSet> found = conflicts.get(dataset);
        return found == null ? new LongOpenHashSet() : new LongOpenHashSet(found.keySet());
    }

    /** Of the conflicting versions of {@code dataset}, those that were stored before this run (they stay live). */
    synchronized LongSet committedVersions(String dataset) {
        LongOpenHashSet committed = new LongOpenHashSet();
        Long2ObjectOpenHashMap<LongOpenHashSet> found = conflicts.get(dataset);
        if (found != null) {
            found.values().forEach(versions -> versions.forEach(row -> {
                if (committedRows.contains(row)) {
                    committed.add(row);
                }
            }));
        }
        return committed;
    }

    /** Conflicting rows were taken out of staging: their rows and identities must not be committed. */
    synchronized void withdraw(LongSet rows, LongSet identities) {
        pendingRows.removeAll(rows);
        pendingKeys.removeAll(identities);
        pendingRevisions.values().forEach(revised -> revised.removeAll(identities));
    }

    /** The run's files are committed: its keys become permanent. */
    synchronized void commitPending() {
        committedRows.addAll(pendingRows);
        committedKeys.addAll(pendingKeys);
        discardPending();
    }

    /** The run failed: its keys never happened. */
    synchronized void discardPending() {
        pendingRows.clear();
        pendingKeys.clear();
        pendingRevisions.clear();
        seen.clear();
        conflicts.clear();
    }

    synchronized void loadCommitted(long rowFingerprint, long keyFingerprint) {
        committedRows.add(rowFingerprint);
        committedKeys.add(keyFingerprint);
    }

    /** Revisions among the run's pending rows so far (identities stored before with other values), by dataset. */
    synchronized Map<String, Long> pendingRevisions() {
        Map<String, Long> counts = new HashMap<>();
        pendingRevisions.forEach((dataset, identities) -> counts.put(dataset, (long) identities.size()));
        return counts;
    }

    public int committedCount() {
        ensureLoaded();
        synchronized (this) {
            return committedRows.size();
        }
    }

    public synchronized int pendingCount() {
        return pendingRows.size();
    }
}
