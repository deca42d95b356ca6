package io.github.eiaoutages.cluster;

/**
 * A run whose instance no longer holds the cluster's run lease: it was stopped, paused or cut off from PostgreSQL
 * for longer than {@code pipeline.cluster.lease}, and another instance took the run over. It commits nothing.
 */
public class LeaseLostException extends IllegalStateException {

    public LeaseLostException(String message) {
        super(message);
    }
}
