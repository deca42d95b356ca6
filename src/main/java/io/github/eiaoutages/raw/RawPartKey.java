package io.github.eiaoutages.raw;

import io.github.eiaoutages.extract.PageCursor;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * Which Parquet part a row joins ({@code correlationExpression: ref: rawPartKey} of the {@code gather-part}
 * aggregator): one stream of parts per run, dataset and window. Windows cover separate periods and EIA sends a
 * window's rows in period order, so each part holds a contiguous stretch of periods without a sort at commit;
 * windows fetched side by side would otherwise interleave their days in every part. A compiled expression: it
 * is evaluated once per row.
 */
@Component("rawPartKey")
public class RawPartKey extends ExpressionAdapter {

    @Override
    public Object evaluate(Exchange exchange) {
        PageCursor window = exchange.getProperty("cursor", PageCursor.class);
        return exchange.getProperty("runId", String.class)
                + '/'
                + exchange.getProperty("dataset", String.class)
                + '/'
                + (window == null ? "" : window.firstPeriod() + ".." + window.lastPeriod());
    }
}
