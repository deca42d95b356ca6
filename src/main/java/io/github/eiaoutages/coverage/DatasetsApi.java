package io.github.eiaoutages.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.run.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code GET /datasets}: every configured dataset with what the raw store holds of it, its gaps and empty periods. */
@Component("datasetsApi")
public class DatasetsApi {

    private final DatasetCatalog datasets;
    private final DatasetCoverage coverage;
    private final RunRegistry runs;

    public DatasetsApi(DatasetCatalog datasets, DatasetCoverage coverage, RunRegistry runs) {
        this.datasets = datasets;
        this.coverage = coverage;
        this.runs = runs;
    }

    /** The answer of {@code GET /datasets}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DatasetList(List<DatasetStatus> data) {}

    /**
     * One dataset: its id, EIA route and frequency, the first and newest period stored (in its own format), the rows
     * stored (revisions included), its last finished run, and - for {@code expect-complete} datasets - the periods
     * between first and newest with no row at all, in two lists: {@code gaps}, still worth asking EIA for, and
     * {@code empty_periods}, fetched again by {@code fill-gaps} with no row from EIA, so not asked for again (at most
     * 100 ranges each; {@code gap_count} and {@code empty_period_count} count all the ranges).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetStatus(
            String id,
            String route,
            String frequency,
            String firstPeriod,
            String newestPeriod,
            long rows,
            boolean expectComplete,
            boolean fillGaps,
            List<Gap> gaps,
            Integer gapCount,
            List<Gap> emptyPeriods,
            Integer emptyPeriodCount,
            LastRun lastRun) {}

    /** Periods with no row at all, both inclusive, in the dataset's format; {@code periods} counts them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Gap(String start, String end, long periods) {}

    /** The dataset's newest finished run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastRun(String runId, String status, Instant finishedAt) {}

    public DatasetList list() {
        List<DatasetStatus> all = new ArrayList<>();
        for (DatasetSpec dataset : datasets.all()) {
            DatasetCoverage.Extent extent = coverage.extent(dataset.id());
            List<PeriodRange> gaps = null;
            List<PeriodRange> empty = null;
            if (dataset.expectComplete()) {
                gaps = coverage.gaps(dataset.id());
                empty = coverage.emptyPeriods(dataset.id());
            }
            all.add(new DatasetStatus(
                    dataset.id(),
                    dataset.route(),
                    dataset.frequency().eiaName(),
                    extent.first() == null ? null : extent.first().label(),
                    extent.newest() == null ? null : extent.newest().label(),
                    extent.rows(),
                    dataset.expectComplete(),
                    dataset.fillGaps(),
                    listed(gaps),
                    gaps == null ? null : gaps.size(),
                    listed(empty),
                    empty == null ? null : empty.size(),
                    runs.lastFinished(dataset.id()).map(DatasetsApi::lastRun).orElse(null)));
        }
        return new DatasetList(all);
    }

    /** The first {@link DatasetCoverage#MAX_GAPS} ranges as answered, or null for a dataset that is not checked. */
    private static List<Gap> listed(List<PeriodRange> ranges) {
        return ranges == null
                ? null
                : ranges.stream()
                        .limit(DatasetCoverage.MAX_GAPS)
                        .map(g -> new Gap(g.start().label(), g.end().label(), g.periods()))
                        .toList();
    }

    private static LastRun lastRun(RunReport run) {
        return new LastRun(run.runId(), run.status(), run.finishedAt());
    }
}
