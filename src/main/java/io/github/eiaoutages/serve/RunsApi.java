package io.github.eiaoutages.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.run.RunReport;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Request handling of {@code POST /refresh} and {@code GET /runs}: parameters in, response bodies out. */
@Component("runsApi")
public class RunsApi {

    /**
     * The 202 answer of {@code POST /refresh}: the run's id, its status ({@code running}), where to follow it
     * ({@code /runs/<id>}, also the {@code Location} header) and, for a range re-fetch, its periods (the end moved
     * back, if it was); {@code range} is absent for other runs.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunAccepted(String runId, String status, String location, RunReport.RefetchRange range) {}

    /**
     * The answer of {@code POST /refresh?wait=true}: the run's record, as {@code GET /runs/<id>} answers it, with
     * {@code preview} added when asked for ({@code {}} when there is no model to show).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FinishedRun(@JsonUnwrapped RunReport run, TablePreview.Preview preview) {}

    static final int MAX_HEAD = 100;

    private final RunRegistry runs;
    private final DatasetCatalog datasets;
    private final SnapshotPublisher snapshots;
    private final TablePreview preview;
    private final RawStore rawStore;
    private final Clock clock = Clock.systemUTC();

    public RunsApi(
            RunRegistry runs,
            DatasetCatalog datasets,
            SnapshotPublisher snapshots,
            TablePreview preview,
            RawStore rawStore) {
        this.runs = runs;
        this.datasets = datasets;
        this.snapshots = snapshots;
        this.preview = preview;
        this.rawStore = rawStore;
    }

    /** {@code ?wait=true}: answer when the run has finished instead of at once. */
    public boolean waitRequested(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        boolean wait = params.flag("wait");
        if (!wait && params.flag("preview")) {
            throw new BadParameterException("preview", "needs wait=true: a preview shows the model the run ends with");
        }
        headRows(params);
        return wait;
    }

    /** {@code ?dataset=}: the one dataset to refresh, or every configured one. Checked before a run opens. */
    public List<String> datasets(Map<String, Object> headers) {
        String dataset = new RequestParameters(headers).text("dataset", 100);
        if (dataset == null) {
            return datasets.ids();
        }
        if (!datasets.ids().contains(dataset)) {
            throw new BadParameterException(
                    "dataset", "must be one of the configured datasets " + datasets.ids() + ", got '" + dataset + "'");
        }
        return List.of(dataset);
    }

    /**
     * {@code ?start=&end=} with {@code ?dataset=}: the periods of that dataset to fetch again, in its own format
     * (both inclusive; without end, up to the newest EIA has), or null when neither is given. An end after the
     * newest period there can be ({@link #newestThereCanBe}) is moved back to it: a range re-fetch asks for every
     * window of its range, and {@code end=9999-12-31} would be 8,000 years of windows that cannot hold a row.
     *
     * @throws BadParameterException for a period in another format, an end before start, a start before the
     *     dataset's configured start (the backfill never kept older periods) or after the newest period there can be
     */
    public PeriodRange range(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        String start = params.text("start", 40);
        String end = params.text("end", 40);
        for (String name : List.of("start", "end")) {
            if (params.given(name) && params.text(name, 40) == null) {
                // Read as absent, ?start= would start a whole refresh instead of the range that was meant.
                throw new BadParameterException(
                        name,
                        "is empty: give a period in the dataset's own format "
                                + "(e.g. 2025-01-31 for a daily one) or leave " + name + " out");
            }
        }
        if (start == null && end == null) {
            return null;
        }
        if (start == null) {
            throw new BadParameterException("end", "needs start: the range to fetch again is start..end");
        }
        String datasetId = params.text("dataset", 100);
        if (datasetId == null) {
            throw new BadParameterException(
                    "start", "needs dataset=<id>: periods are written in a dataset's own format");
        }
        DatasetSpec dataset = datasets.get(datasetId);
        Period from = period("start", start, dataset);
        Period to = end == null ? null : period("end", end, dataset);
        if (to != null && to.isBefore(from)) {
            throw new BadParameterException("end", "(" + end + ") is before start (" + start + ")");
        }
        if (from.isBefore(dataset.start())) {
            throw new BadParameterException(
                    "start",
                    "(" + start + ") is before " + dataset.start().label() + ", the first "
                            + "period " + dataset.id() + " keeps: move pipeline.datasets." + dataset.id()
                            + ".start earlier to keep "
                            + "older periods, or start the range at "
                            + dataset.start().label() + " or later");
        }
        Period newest = newestThereCanBe(dataset, from);
        if (from.isAfter(newest)) {
            throw new BadParameterException(
                    "start",
                    "(" + start + ") is after " + newest.label() + ", the newest period " + dataset.id()
                            + " can have now: give a start up to " + newest.label());
        }
        return new PeriodRange(from, to != null && to.isAfter(newest) ? newest : to);
    }

    /**
     * The newest period a dataset can have rows for now: the one that holds this instant, or its newest stored period
     * when that lies ahead (STEO's forecasts run years ahead of time, and a range re-fetch may ask for them again).
     * A week's label may fall on any weekday (holidays), so for weekly data it is today.
     */
    private Period newestThereCanBe(DatasetSpec dataset, Period start) {
        Period now =
                dataset.frequency().containing(clock.instant(), dataset.frequency() == Frequency.WEEKLY ? null : start);
        Period stored = rawStore.newestCommittedPeriod(dataset.id());
        return stored != null && stored.isAfter(now) ? stored : now;
    }

    private static Period period(String name, String text, DatasetSpec dataset) {
        try {
            return dataset.frequency().parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    name, "must be a period of " + dataset.id() + " in its own format: " + e.getMessage());
        }
    }

    /** The 202 body: where to follow the run, and the periods a range re-fetch asks for (its end moved back, if it was). */
    public RunAccepted accepted(String runId) {
        RunRecord run = runs.get(runId);
        return new RunAccepted(runId, run.getStatus(), location(runId), run.getRange());
    }

    /**
     * 200 for a run that succeeded (or is degraded), 502 for one that failed (EIA or the disk let it down), 503 for
     * one the application's stop interrupted, so scripts can tell.
     */
    public int finishedStatus(String runId) {
        return switch (runs.get(runId).getStatus()) {
            case "failed" -> 502;
            case "interrupted" -> 503;
            default -> 200;
        };
    }

    /** The ?wait=true body once the run has ended; released with a 503 problem if the application stops first. */
    public FinishedRun awaitFinished(String runId, int previewRows) throws InterruptedException {
        runs.awaitEnd(runId);
        return finished(runId, previewRows);
    }

    /** {@code preview=true&head=N}: rows per modeled table to add to the ?wait=true answer, 0 for none. */
    public int previewRows(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        return params.flag("preview") ? headRows(params) : 0;
    }

    /** The ?wait=true body: the run record, plus the first rows of each modeled table when asked for. */
    public FinishedRun finished(String runId, int previewRows) {
        RunReport run = runs.get(runId).report();
        return new FinishedRun(
                run,
                previewRows > 0
                        ? snapshots
                                .current()
                                .map(s -> preview.head(s, previewRows))
                                .orElse(TablePreview.Preview.NONE)
                        : null);
    }

    /** Where a run is followed: {@code /runs/<id>}. */
    public String location(String runId) {
        return "/runs/" + runId;
    }

    /**
     * {@code GET /runs/{runId}}: a run of this process or a stored one, in one shape.
     *
     * @throws io.github.eiaoutages.run.UnknownRunException (404) when no run has that id
     */
    public RunReport run(String runId) {
        return runs.find(runId);
    }

    /**
     * {@code GET /runs?limit=}: the newest runs first, 20 unless {@code limit} (1 to 200) says otherwise.
     *
     * @throws BadParameterException for a limit out of range
     */
    public List<RunReport> list(Map<String, Object> headers) {
        return runs.recent(new RequestParameters(headers).integer("limit", 1, 200, 20));
    }

    private static int headRows(RequestParameters params) {
        return params.integer("head", 1, MAX_HEAD, 5);
    }
}
