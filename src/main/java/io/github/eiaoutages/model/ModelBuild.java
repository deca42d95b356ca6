package io.github.eiaoutages.model;

import java.util.Map;

/**
 * A published model snapshot.
 *
 * @param rows rows per table
 */
public record ModelBuild(String snapshotId, Map<String, Long> rows, long millis) {
}
