package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.period.PeriodRange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Plans which pages a run asks for, and advances each page cursor as pages arrive. Periods count in the
 * dataset's own steps (hours, days, weeks, months, quarters, years) and are sent in its own format.
 *
 * <p>A dataset with committed rows asks only for its newest periods again (minus a look-back, because EIA revises
 * recent data); a run over unchanged data then costs a single short page. A dataset no committed run has
 * backfilled yet (empty, or holding only range re-fetches) backfills from its configured start in windows of
 * {@code window} periods: offsets stay low (EIA pages slowly deep into a query) and windows can be fetched at the
 * same time. A start moved earlier backfills the periods before the old one.
 */
@Component("eiaPaging")
public class EiaPaging {

    private static final Logger log = LoggerFactory.getLogger(EiaPaging.class);

    private final DatasetCatalog datasets;
    private final EiaEndpoint endpoint;
    private final PipelineProperties.Eia eia;
    private final Clock clock;
    private volatile boolean oldRoutesReported;

    @Autowired
    public EiaPaging(DatasetCatalog datasets, EiaEndpoint endpoint, PipelineProperties properties) {
        this(datasets, endpoint, properties, Clock.systemUTC());
    }

    EiaPaging(DatasetCatalog datasets, EiaEndpoint endpoint, PipelineProperties properties, Clock clock) {
        this.datasets = datasets;
        this.endpoint = endpoint;
        this.eia = properties.eia();
        this.clock = clock;
    }

    /**
     * The cursors of one run of a dataset.
     *
     * @param newestCommitted the newest period the raw store holds for the dataset, or null when it holds none
     * @param backfilledFrom the first period a committed backfill asked for, or null when none did
     * @param range periods to fetch again instead ({@code POST /refresh?start=&end=}), or null
     * @param conflicts periods to fetch as well: those whose keys came with conflicting values last time; ignored for
     *     a range re-fetch
     * @param gaps gaps to fetch as well ({@code fill-gaps}), each window marked with its gap ({@link PageCursor#gap()})
     *     so the run can tell which stayed empty; ignored for a range re-fetch
     */
    public List<PageCursor> plan(
            String datasetId,
            Period newestCommitted,
            Period backfilledFrom,
            PeriodRange range,
            List<PeriodRange> conflicts,
            List<PeriodRange> gaps) {
        List<PageCursor> windows = windowsOf(datasetId, newestCommitted, backfilledFrom, range, conflicts, gaps);
        PageCursor.siblings(windows);
        return windows;
    }

    private List<PageCursor> windowsOf(
            String datasetId,
            Period newestCommitted,
            Period backfilledFrom,
            PeriodRange range,
            List<PeriodRange> conflicts,
            List<PeriodRange> gaps) {
        DatasetSpec dataset = datasets.get(datasetId);
        String url = endpoint.dataUrl(dataset);
        if (range != null) {
            List<PageCursor> windows = windows(dataset, url, range.start(), range.end(), false, null);
            log.info("{}: fetching {} again in {} windows", datasetId, range, windows.size());
            return windows;
        }
        List<PageCursor> cursors = new ArrayList<>();
        if (newestCommitted == null || backfilledFrom == null) {
            // Rows from a range re-fetch alone do not make a dataset backfilled: its start..now is still owed.
            cursors.addAll(windows(dataset, url, dataset.start(), null, true, null));
            log.info(
                    "{}: {}, backfilling from {} in {} windows of {} periods",
                    datasetId,
                    newestCommitted == null ? "no rows stored yet" : "only range re-fetches stored so far",
                    dataset.start().label(),
                    cursors.size(),
                    dataset.window());
            return withAgain(dataset, url, cursors, conflicts, gaps);
        }
        if (backfilledFrom.isAfter(dataset.start())) {
            // start moved earlier: the periods before the old backfill's start are owed, the rest is stored.
            cursors.addAll(windows(dataset, url, dataset.start(), backfilledFrom.plus(-1), true, null));
            log.info(
                    "{}: start moved earlier to {}: backfilling up to {} in {} windows",
                    datasetId,
                    dataset.start().label(),
                    backfilledFrom.plus(-1).label(),
                    cursors.size());
        }
        // Data that runs ahead of time (STEO's forecasts) counts back from now, not from its last forecast period:
        // the quarters that turn from forecast into history are the ones EIA revises.
        Period now = dataset.frequency().containing(clock.instant(), newestCommitted);
        Period newest = newestCommitted.isAfter(now) ? now : newestCommitted;
        Period start = newest.plus(-dataset.lookBack());
        if (start.isBefore(dataset.start())) {
            start = dataset.start();
        }
        log.info(
                "{}: asking for {} on (newest stored period {}{} less {} periods of look-back)",
                datasetId,
                start.label(),
                newestCommitted.label(),
                newest == newestCommitted ? "" : ", ahead of now, taken as " + newest.label(),
                dataset.lookBack());
        cursors.add(cursor(dataset, url, start, null, false, null));
        return withAgain(dataset, url, cursors, conflicts, gaps);
    }

    /**
     * The call of a {@code routes/ingest.camel.yaml} of an earlier release: it works as before (a dataset with
     * rows counts as backfilled; gaps and conflicts are fetched again alike), and says once that the routes need
     * updating.
     *
     * @deprecated routes call {@link #plan(String, Period, Period, PeriodRange, List, List)}
     */
    @Deprecated
    public List<PageCursor> plan(String datasetId, Period newestCommitted, PeriodRange range, List<PeriodRange> again) {
        if (!oldRoutesReported) {
            oldRoutesReported = true;
            log.warn("routes/ingest.camel.yaml is older than this release (plan-requests passes 4 arguments, not 6): "
                    + "a range re-fetch into an empty dataset would stand in for its backfill, and gaps that stay empty "
                    + "are asked for on every run. Copy the release's routes/ingest.camel.yaml and carry your own "
                    + "changes over");
        }
        Period backfilledFrom =
                newestCommitted == null ? null : datasets.get(datasetId).start();
        return plan(datasetId, newestCommitted, backfilledFrom, range, again, List.of());
    }

    private List<PageCursor> withAgain(
            DatasetSpec dataset,
            String url,
            List<PageCursor> cursors,
            List<PeriodRange> conflicts,
            List<PeriodRange> gaps) {
        if (conflicts != null && !conflicts.isEmpty()) {
            int before = cursors.size();
            conflicts.forEach(
                    periods -> cursors.addAll(windows(dataset, url, periods.start(), periods.end(), false, null)));
            log.info(
                    "{}: also fetching {} period(s) again whose keys came with conflicting values last time, in {} "
                            + "windows: {}",
                    dataset.id(),
                    conflicts.size(),
                    cursors.size() - before,
                    PeriodRange.listed(conflicts));
        }
        if (gaps != null && !gaps.isEmpty()) {
            int before = cursors.size();
            gaps.forEach(gap -> cursors.addAll(windows(dataset, url, gap.start(), gap.end(), false, gap)));
            log.info(
                    "{}: also fetching {} gap(s) again (fill-gaps), in {} windows: {}",
                    dataset.id(),
                    gaps.size(),
                    cursors.size() - before,
                    PeriodRange.listed(gaps));
        }
        return cursors;
    }

    /**
     * Windows of {@code window} periods from {@code start} to {@code end} (inclusive); with no end, up to the period
     * that holds now, the last window open-ended: whatever EIA has published by then (STEO's forecasts included).
     */
    private List<PageCursor> windows(
            DatasetSpec dataset, String url, Period start, Period end, boolean backfill, PeriodRange gap) {
        List<PageCursor> windows = new ArrayList<>();
        Period last = end != null ? end : dataset.frequency().containing(clock.instant(), start);
        while (!start.plus(dataset.window()).isAfter(last)) {
            Period next = start.plus(dataset.window());
            windows.add(cursor(dataset, url, start, next.justBefore(), backfill, gap));
            start = overlap(dataset, next);
        }
        windows.add(cursor(dataset, url, start, end, backfill, gap));
        return windows;
    }

    /** Records the page on its cursor and hands the page on (without rows this window quarantined before). */
    public EiaPage advance(PageCursor cursor, EiaPage page) {
        return cursor.advance(page);
    }

    /**
     * Where the window after {@code next} begins. Local hours are sent in one offset, and whether EIA compares
     * start and end as instants or as text is not known. As instants, windows that meet leave nothing out; as
     * text, a label of another offset ({@code 2026-11-10T23-06} against an end of {@code 2026-11-10T23-05}) sorts
     * between one window's end and the next one's start. So a local-hourly window begins with the last hour of the
     * one before: every label of that hour falls in one of the two (its rows come twice, with the same values, and
     * count as duplicates).
     */
    private static Period overlap(DatasetSpec dataset, Period next) {
        return dataset.frequency() == Frequency.LOCAL_HOURLY && dataset.window() > 1 ? next.plus(-1) : next;
    }

    private PageCursor cursor(
            DatasetSpec dataset, String url, Period start, Period end, boolean backfill, PeriodRange gap) {
        PageCursor cursor = new PageCursor(
                dataset,
                url,
                eia.pageSize(),
                start.label(),
                end == null ? null : end.label(),
                eia.maxPagesPerRun(),
                backfill,
                gap);
        // A row after the period that holds now (one period of grace, for clocks and time zones) is not history:
        // refused unless the dataset publishes forecasts (future-periods: true).
        cursor.bound(
                dataset.futurePeriods()
                        ? null
                        : dataset.frequency().containing(clock.instant(), start).plus(1));
        return cursor;
    }
}
