package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
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
 * recent data); a run over unchanged data then costs a single short page. An empty dataset backfills from its
 * configured start in windows of {@code window} periods: offsets stay low (EIA pages slowly deep into a query)
 * and windows can be fetched at the same time.
 */
@Component("eiaPaging")
public class EiaPaging {

    private static final Logger log = LoggerFactory.getLogger(EiaPaging.class);

    private final DatasetCatalog datasets;
    private final EiaEndpoint endpoint;
    private final PipelineProperties.Eia eia;
    private final Clock clock;

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
     */
    public List<PageCursor> plan(String datasetId, Period newestCommitted) {
        DatasetSpec dataset = datasets.get(datasetId);
        String url = endpoint.dataUrl(dataset);
        if (newestCommitted != null) {
            Period start = newestCommitted.plus(-dataset.lookBack());
            if (start.isBefore(dataset.start())) {
                start = dataset.start();
            }
            log.info("{}: asking for {} on (newest stored period {} less {} periods of look-back)", datasetId,
                    start.label(), newestCommitted.label(), dataset.lookBack());
            return List.of(cursor(dataset, url, start, null, false));
        }
        List<PageCursor> windows = new ArrayList<>();
        Period start = dataset.start();
        // A window ends before the period that holds "now"; the last one stays open-ended: whatever EIA has
        // published by now (STEO's forecasts included).
        Period current = dataset.frequency().containing(clock.instant(), start);
        while (!start.plus(dataset.window()).isAfter(current)) {
            Period next = start.plus(dataset.window());
            windows.add(cursor(dataset, url, start, next.justBefore(), true));
            start = overlap(dataset, next);
        }
        windows.add(cursor(dataset, url, start, null, true));
        log.info("{}: no rows stored yet, backfilling from {} in {} windows of {} periods", datasetId,
                dataset.start().label(), windows.size(), dataset.window());
        return windows;
    }

    /** Records the page on its cursor and hands the page on. */
    public EiaPage advance(PageCursor cursor, EiaPage page) {
        cursor.advance(page);
        return page;
    }

    /**
     * Where the window after {@code next} begins. Local hours are sent in one offset, and whether EIA compares
     * start and end as instants or as local text is not known: across a DST change the text of an hour moves by
     * one, so local-hourly windows overlap by a day and no hour can fall between two of them (the overlap's rows
     * come twice in one run, with the same values, and are counted as duplicates).
     */
    private static Period overlap(DatasetSpec dataset, Period next) {
        return dataset.frequency() == Frequency.LOCAL_HOURLY ? next.plus(-Math.min(24, dataset.window() - 1)) : next;
    }

    private PageCursor cursor(DatasetSpec dataset, String url, Period start, Period end, boolean backfill) {
        return new PageCursor(dataset, url, eia.pageSize(), start.label(), end == null ? null : end.label(),
                eia.maxPagesPerRun(), backfill);
    }
}
