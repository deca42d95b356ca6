package io.github.eiaoutages.run;

import java.util.function.Consumer;

/**
 * The one active run of a cluster (clustered mode, {@code pipeline.cluster.enabled}): a lease that its instance
 * renews while the run is active, so every other instance refuses a second run and takes a dead instance's run
 * over when the lease expires. In the default single-instance mode there is no lease: {@link RunRegistry}'s own
 * in-memory check is enough, and the data folder's lock keeps a second process out.
 */
public interface RunLease {

    /**
     * Takes the lease for {@code run}, or refuses.
     *
     * @param lost called (on the lease's own thread) if this instance finds it no longer holds the lease while the
     *     run is active, with the reason to record: the run must then commit nothing
     * @throws RunAlreadyActiveException naming the active run and the instance running it
     */
    void acquire(RunRecord run, Consumer<String> lost);

    /** The run has ended (any status): the lease is freed if it still names this run and this instance. */
    void release(RunRecord run);
}
