package io.github.eiaoutages.raw;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
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
 * one set of whole rows (a hit is a duplicate) and one of row identities (a hit is a revision).
 */
@Component("rawKeys")
public class RawKeyRepository extends ServiceSupport implements IdempotentRepository {

    private final LongOpenHashSet committedRows = new LongOpenHashSet();
    private final LongOpenHashSet committedKeys = new LongOpenHashSet();
    private final LongOpenHashSet pendingRows = new LongOpenHashSet();
    private final LongOpenHashSet pendingKeys = new LongOpenHashSet();
    private final Map<String, Long> pendingRevisions = new HashMap<>();

    @Override
    public synchronized boolean add(String key) {
        long row = IdempotencyKey.rowPart(key);
        if (committedRows.contains(row) || !pendingRows.add(row)) {
            return false;
        }
        long identity = IdempotencyKey.keyPart(key);
        if (committedKeys.contains(identity) || !pendingKeys.add(identity)) {
            pendingRevisions.merge(IdempotencyKey.datasetPart(key), 1L, Long::sum);
        }
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        long row = IdempotencyKey.rowPart(key);
        return committedRows.contains(row) || pendingRows.contains(row);
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

    /** The run's files are committed: its keys become permanent. Returns the revisions it stored, by dataset. */
    synchronized Map<String, Long> commitPending() {
        committedRows.addAll(pendingRows);
        committedKeys.addAll(pendingKeys);
        Map<String, Long> revisions = Map.copyOf(pendingRevisions);
        discardPending();
        return revisions;
    }

    /** The run failed: its keys never happened. */
    synchronized void discardPending() {
        pendingRows.clear();
        pendingKeys.clear();
        pendingRevisions.clear();
    }

    synchronized void loadCommitted(long rowFingerprint, long keyFingerprint) {
        committedRows.add(rowFingerprint);
        committedKeys.add(keyFingerprint);
    }

    /** Revisions among the run's pending rows so far, by dataset. */
    synchronized Map<String, Long> pendingRevisions() {
        return Map.copyOf(pendingRevisions);
    }

    public synchronized int committedCount() {
        return committedRows.size();
    }

    public synchronized int pendingCount() {
        return pendingRows.size();
    }
}
