package io.github.eiaoutages.raw;

/**
 * Checked by {@link RawCommitter} right before a run's staging folders are renamed into place (clustered mode): a run
 * commits only while its instance still holds the cluster's run lease under the same epoch. An instance stopped
 * (SIGSTOP, a long pause, a network cut) past its lease has been taken over by another one, and its late commit would
 * store a second copy of the rows the survivor fetched.
 */
public interface CommitFence {

    /**
     * Confirms (and renews) the lease of {@code runId}.
     *
     * @throws IllegalStateException saying which instance lost the lease and why, when it no longer holds it
     */
    void confirm(String runId);
}
