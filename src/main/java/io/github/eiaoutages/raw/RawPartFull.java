package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.PipelineProperties;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.springframework.stereotype.Component;

/**
 * Completion of the {@code gather-part} aggregator ({@code completionPredicate: ref: rawPartFull}): the part's list
 * of records holds {@code pipeline.storage.rows-per-part} rows or more. Pages arrive whole, so a part closes with
 * the page that fills it. Java rather than {@code ${body.size()}}: the simple language reaches {@code size()}
 * through a bean-info cache keyed by the list's hash, which walks every record of the part on every page.
 */
@Component("rawPartFull")
public class RawPartFull implements Predicate {

    private final int rowsPerPart;

    public RawPartFull(PipelineProperties properties) {
        this.rowsPerPart = properties.storage().rowsPerPart();
    }

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof List<?> records && records.size() >= rowsPerPart;
    }
}
