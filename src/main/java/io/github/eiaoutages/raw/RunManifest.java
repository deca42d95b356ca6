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
        List<Part> parts,
        // What the run asked EIA for: absent in manifests written before this was recorded.
        Fetch fetch) {

    /**
     * What a run asked EIA for: {@code backfill} from {@code from} (the dataset's start then) to now, its
     * {@code newest} periods again, or a {@code range} re-fetch. A dataset is backfilled once one of its runs
     * committed a backfill from its configured start or earlier; until then every ordinary run backfills.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fetch(String kind, String from) {
        public static final String BACKFILL = "backfill";
        public static final String NEWEST = "newest";
        public static final String RANGE = "range";

        public boolean backfill() {
            return BACKFILL.equals(kind);
        }
    }

    /**
     * One Parquet file of the run: rows, bytes, SHA-256, and its first and last period in the dataset's format (parts
     * are sorted by period, so a key load reads only those overlapping its windows; null in manifests of earlier
     * releases, whose run folders are sorted once when first needed).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Part(String file, long rows, long bytes, String sha256, String periodMin, String periodMax) {}

    /** The same run with its parts rewritten (sorted by period): same rows, runs and fetch. */
    RunManifest withParts(List<Part> sorted) {
        return new RunManifest(runId, dataset, committedAt, rows, revisions, periodMin, periodMax, sorted, fetch);
    }

    RunManifest withRevisions(long count) {
        return new RunManifest(runId, dataset, committedAt, rows, count, periodMin, periodMax, parts, fetch);
    }

    public long bytes() {
        return parts == null ? 0 : parts.stream().mapToLong(Part::bytes).sum();
    }
}
