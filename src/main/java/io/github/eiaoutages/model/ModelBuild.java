package io.github.eiaoutages.model;

import java.util.List;
import java.util.Map;

/**
 * A published model snapshot.
 *
 * @param rows   rows per table
 * @param checks the quality checks of the snapshot, in the order they ran
 */
public record ModelBuild(String snapshotId, Map<String, Long> rows, long millis, List<QualityCheck> checks) {

    public boolean degraded() {
        return checks.stream().anyMatch(QualityCheck::failed);
    }
}
