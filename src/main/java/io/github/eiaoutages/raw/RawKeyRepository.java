package io.github.eiaoutages.raw;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;

/**
 * The idempotent repository of the raw store, run-scoped so that it can never claim a row that is not on disk.
 *
 * <p>Keys a run accepts stay <em>pending</em> until that run commits its files; a failed or killed run leaves
 * nothing behind, so its rows are fetched and accepted again next time. Committed keys are rebuilt from the
 * committed Parquet at startup: the raw store is the single source of truth, there is no second file to drift.
 * Keys are held as 64-bit fingerprints in primitive sets (about 16 bytes a key instead of ~150 for strings).
 */
@Component("rawKeys")
public class RawKeyRepository extends ServiceSupport implements IdempotentRepository {

    private final LongOpenHashSet committed = new LongOpenHashSet();
    private final LongOpenHashSet pending = new LongOpenHashSet();

    @Override
    public synchronized boolean add(String key) {
        long fingerprint = IdempotencyKey.parse(key);
        return !committed.contains(fingerprint) && pending.add(fingerprint);
    }

    @Override
    public synchronized boolean contains(String key) {
        long fingerprint = IdempotencyKey.parse(key);
        return committed.contains(fingerprint) || pending.contains(fingerprint);
    }

    /** Called by the idempotent consumer when the exchange of a row fails: forget the pending key. */
    @Override
    public synchronized boolean remove(String key) {
        return pending.remove(IdempotencyKey.parse(key));
    }

    @Override
    public boolean confirm(String key) {
        // Confirmation waits for the run's commit, not for the row's exchange.
        return true;
    }

    @Override
    public synchronized void clear() {
        pending.clear();
    }

    /** The run's files are committed: its keys become permanent. */
    synchronized int commitPending() {
        int count = pending.size();
        committed.addAll(pending);
        pending.clear();
        return count;
    }

    /** The run failed: its keys never happened. */
    synchronized void discardPending() {
        pending.clear();
    }

    synchronized void loadCommitted(long fingerprint) {
        committed.add(fingerprint);
    }

    public synchronized int committedCount() {
        return committed.size();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }
}
