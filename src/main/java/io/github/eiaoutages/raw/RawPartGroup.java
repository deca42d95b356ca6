package io.github.eiaoutages.raw;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * Which Parquet part a row belongs to: its run and dataset ({@code ref: rawPartGroup} in the aggregator). Rows of
 * different runs never share a part, so a failed run's leftovers can never be written under a later run.
 * Compiled, because it is evaluated once per row.
 */
@Component("rawPartGroup")
public class RawPartGroup extends ExpressionAdapter {

    @Override
    public Object evaluate(Exchange exchange) {
        return exchange.getProperty("runId", String.class) + "/" + exchange.getProperty("dataset", String.class);
    }
}
