package io.github.eiaoutages.model;

import java.util.Optional;

/**
 * Which model snapshot is current, kept outside the shared folder (clustered mode: a row in PostgreSQL). Every
 * instance opens {@code modeled/snapshots/<id>} by this id instead of resolving the {@code modeled/current} symlink,
 * which a network file system may serve from a stale directory cache.
 */
public interface SnapshotPointer {

    /** The current snapshot id, as last read (at most {@code pipeline.cluster.snapshot-poll} old). */
    Optional<String> currentId();

    /** Snapshot {@code snapshotId} is published: every instance serves it from its next poll on. */
    void published(String snapshotId);
}
