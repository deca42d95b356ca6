package io.github.eiaoutages.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.eiaoutages.model.QualityCheck;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run did, in the one shape {@code GET /runs} and {@code GET /runs/{id}} answer and the run store keeps
 * ({@code data/runs/<id>.json}, or PostgreSQL in clustered mode): a run of this process is reported by
 * {@link RunRecord#report()}, a run of an earlier process (or, clustered, of another instance) is its stored JSON
 * read back into this record. Members are snake_case and absent when null; moments are ISO-8601 UTC instants.
 *
 * <p>Every member is a reference type so that a stored record answers exactly what it holds: a member an older
 * release did not write stays absent instead of turning into a 0 or false. Members this release does not know are
 * ignored when a record is read.
 *
 * @param runId the run's id, its start time ({@code 20261130T020639062Z}): ids sort by start
 * @param trigger what started it: {@code schedule}, {@code startup}, {@code api}, {@code ingest-once} or
 *     {@code model-once}
 * @param status {@code running}, {@code succeeded}, {@code degraded} (ended, data doubtful: see {@code warnings}),
 *     {@code failed} or {@code interrupted} (stopped or killed before it ended)
 * @param snapshot the model snapshot the run published, if it built one
 * @param modelBuildMs how long building that model took, in milliseconds
 * @param error why it failed or was interrupted
 * @param qualityChecks the checks of the model it built
 * @param rawCommitted true once its raw rows were committed, even when there was nothing new to store
 * @param datasets what each dataset received and stored, in the order they ran
 * @param range the periods a range re-fetch asked for again; absent for other runs
 * @param instance the instance that ran it ({@code pipeline.cluster.instance-name}, or host name and process id)
 * @param durationMs from start to end in milliseconds, once it ended
 * @param rowsAccepted rows stored over all datasets
 * @param datasetsRequested the datasets it ingests, in order (absent in records of early releases: every dataset)
 * @param progress while it runs: pages, rows and pace; absent once it ended
 * @param warnings what a user should look at, one line each, starting with the dataset it concerns
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
// The document's name for a run since before this record existed: clients generated from it keep their type.
@Schema(name = "RunRecord")
public record RunReport(
        String runId,
        String trigger,
        Instant startedAt,

        @Schema(allowableValues = {"running", "succeeded", "degraded", "failed", "interrupted"})
        String status,

        Instant finishedAt,
        String snapshot,
        Long modelBuildMs,
        String error,
        List<QualityCheck> qualityChecks,
        Boolean rawCommitted,
        Map<String, DatasetCounts> datasets,
        RefetchRange range,
        String instance,
        Long durationMs,
        Long rowsAccepted,
        List<String> datasetsRequested,
        RunProgress progress,
        List<String> warnings) {

    /** The status of a run that has not ended. */
    public static final String RUNNING = "running";

    /** True while the run has not ended (as far as its record knows). */
    public boolean running() {
        return RUNNING.equals(status);
    }

    /** True when the run asked for {@code dataset}; a record without the list (early releases) asked for all. */
    public boolean covers(String dataset) {
        return datasetsRequested == null || datasetsRequested.contains(dataset);
    }

    /**
     * The record of a run whose process died while it ran: {@code interrupted} with {@code reason} as its error,
     * and without the live progress, which would read as if it were still going.
     */
    public RunReport interrupted(String reason) {
        return new RunReport(
                runId,
                trigger,
                startedAt,
                RunStatus.INTERRUPTED.name().toLowerCase(),
                finishedAt,
                snapshot,
                modelBuildMs,
                reason,
                qualityChecks,
                rawCommitted,
                datasets,
                range,
                instance,
                durationMs,
                rowsAccepted,
                datasetsRequested,
                null,
                warnings);
    }

    /**
     * What one dataset received and stored in the run. {@code rows_duplicate} (rows received that were already
     * stored) is known only once the run committed; {@code warnings} is absent when the dataset's data is not
     * doubtful. Periods are in the dataset's own format.
     *
     * @param conflicts keys that came with conflicting values in this run (their rows are quarantined)
     * @param bytes bytes of the Parquet parts it wrote
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DatasetCounts(
            Integer pages,
            Long rowsReceived,
            Long rowsAccepted,
            Long rowsRevised,
            Long rowsQuarantined,
            Integer parts,
            Long bytes,
            String periodMin,
            String periodMax,
            Long conflicts,
            List<String> warnings,
            Long rowsDuplicate) {}

    /**
     * The periods a range re-fetch asks for again, in the dataset's format, both inclusive; {@code end} is null
     * (written as null) when the range runs to the newest period EIA has.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RefetchRange(String start, String end) {}

    /**
     * A running run's pace: windows planned, pages fetched of the pages expected (estimated from EIA's totals as
     * they come in), rows received, rows per second, seconds since the start and, once a page is in and more are
     * expected, the seconds left at that pace.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunProgress(
            Integer windows,
            Long pagesDone,
            Long pagesExpected,
            Long rowsReceived,
            Long rowsPerSecond,
            Long elapsedSeconds,
            Long etaSeconds) {}
}
