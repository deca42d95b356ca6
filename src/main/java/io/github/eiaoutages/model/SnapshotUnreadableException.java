package io.github.eiaoutages.model;

import io.github.eiaoutages.problem.ApiException;

/**
 * The published model ({@code modeled/current}) exists but cannot be read, e.g. a truncated or overwritten Parquet
 * file. The API answers 503 with this message and the next run rebuilds the model from the raw store.
 */
public class SnapshotUnreadableException extends ApiException {

    private final String snapshotId;
    private final String reason;

    public SnapshotUnreadableException(String snapshotId, String reason) {
        super(
                503,
                "Model unreadable",
                "The published model (snapshot " + snapshotId + ") cannot be read: " + reason + ". Rebuild it from the "
                        + "raw store: POST /refresh (every run rebuilds an unreadable model), or --pipeline.mode=model-once "
                        + "while the server is stopped");
        this.snapshotId = snapshotId;
        this.reason = reason;
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** What is wrong with it, without the advice. */
    public String reason() {
        return reason;
    }
}
