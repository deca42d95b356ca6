package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldType;
import io.github.eiaoutages.config.PipelineProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Plans which pages a run asks for, and advances each page cursor as pages arrive.
 *
 * <p>A dataset with committed rows asks only for its newest days again (minus a look-back, because EIA revises
 * recent days); a run over unchanged data then costs a single short page. An empty dataset backfills from its
 * configured start in windows of {@code window-days}: offsets stay low (EIA pages slowly deep into a query) and
 * windows can be fetched at the same time.
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
     * @param newestCommittedDay the newest day the raw store holds for the dataset, or null when it holds none
     */
    public List<PageCursor> plan(String datasetId, LocalDate newestCommittedDay) {
        DatasetSpec dataset = datasets.get(datasetId);
        String url = endpoint.dataUrl(dataset);
        if (newestCommittedDay != null) {
            LocalDate start = newestCommittedDay.minusDays(dataset.lookBackDays());
            if (start.isBefore(dataset.start())) {
                start = dataset.start();
            }
            log.info("{}: asking for {} on (newest stored day {} less {} days of look-back)", datasetId, start,
                    newestCommittedDay, dataset.lookBackDays());
            return List.of(cursor(dataset, url, start, null));
        }
        List<PageCursor> windows = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate start = dataset.start();
        while (!start.plusDays(dataset.windowDays()).isAfter(today)) {
            LocalDate next = start.plusDays(dataset.windowDays());
            windows.add(cursor(dataset, url, start, next.minusDays(1)));
            start = next;
        }
        // The last window stays open-ended: whatever EIA has published by now, including today.
        windows.add(cursor(dataset, url, start, null));
        log.info("{}: no rows stored yet, backfilling from {} in {} windows of {} days", datasetId, dataset.start(),
                windows.size(), dataset.windowDays());
        return windows;
    }

    /** Records the page on its cursor and hands the page on. */
    public EiaPage advance(PageCursor cursor, EiaPage page) {
        cursor.advance(page);
        return page;
    }

    private PageCursor cursor(DatasetSpec dataset, String url, LocalDate start, LocalDate end) {
        return new PageCursor(dataset, url, eia.pageSize(), period(dataset, start, false),
                end == null ? null : period(dataset, end, true), eia.maxPagesPerRun());
    }

    /** EIA's start/end take the period's own format: a day, or an hour for hourly data. */
    private static String period(DatasetSpec dataset, LocalDate day, boolean endOfDay) {
        if (dataset.period().type() == FieldType.HOUR) {
            return day + (endOfDay ? "T23" : "T00");
        }
        return day.toString();
    }
}
