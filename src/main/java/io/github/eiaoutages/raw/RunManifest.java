package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * {@code _manifest.json} of a committed run folder: what the run stored, so that a reader (or a person) can
 * check the folder without trusting anything else.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunManifest(
        String runId,
        String dataset,
        Instant committedAt,
        long rows,
        // Rows of the run whose key was stored before with other values.
        long revisions,
        // The first and last period stored, in the dataset's own format (2026-10-01, 2026-10, 2026-11-01T01-05, …).
        String periodMin,
        String periodMax,
        List<Part> parts) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Part(String file, long rows, long bytes, String sha256) {
    }

    RunManifest withRevisions(long count) {
        return new RunManifest(runId, dataset, committedAt, rows, count, periodMin, periodMax, parts);
    }

    public long bytes() {
        return parts.stream().mapToLong(Part::bytes).sum();
    }
}
