package io.github.eiaoutages.model;

/**
 * Another instance published snapshot {@code snapshotId} (clustered mode, seen by {@link SnapshotPointer}'s poll):
 * the API loads it ahead of the next request.
 */
public record CurrentSnapshotChanged(String snapshotId) {}
