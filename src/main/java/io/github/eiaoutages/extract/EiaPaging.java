package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import org.springframework.stereotype.Component;

/** Opens and advances the page cursor of a dataset; the page loop route calls it once per page. */
@Component("eiaPaging")
public class EiaPaging {

    private final DatasetCatalog datasets;
    private final EiaEndpoint endpoint;
    private final PipelineProperties.Eia eia;

    public EiaPaging(DatasetCatalog datasets, EiaEndpoint endpoint, PipelineProperties properties) {
        this.datasets = datasets;
        this.endpoint = endpoint;
        this.eia = properties.eia();
    }

    public PageCursor open(String datasetId) {
        var dataset = datasets.get(datasetId);
        return new PageCursor(dataset, endpoint.dataUrl(dataset), eia.pageSize(), dataset.start(), eia.maxPagesPerRun());
    }

    /** Records the page on the cursor and hands the page on. */
    public EiaPage advance(PageCursor cursor, EiaPage page) {
        cursor.advance(page);
        return page;
    }
}
