package io.github.eiaoutages.raw;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers accepted rows into the list that becomes one Parquet part (camel-parquet-avro marshals a List and
 * takes the schema from its first record). An exchange brings a page's accepted rows as a list of records
 * ({@link RawAcceptedRows}); routes of earlier releases send each row on its own ({@link RawRow}), and both
 * are taken. An exchange with the header {@code CamelAggregationCompleteCurrentGroup} (a window that ended)
 * completes its window's part. A plain {@link AggregationStrategy}, not a POJO the aggregator would call by reflection.
 */
@Component("rawPartAggregation")
public class RawPartAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange part, Exchange rows) {
        Object body = rows.getMessage().getBody();
        List<GenericRecord> records;
        if (part == null) {
            records = new ArrayList<>();
            rows.getMessage().setBody(records);
        } else {
            @SuppressWarnings("unchecked")
            List<GenericRecord> sofar = part.getMessage().getBody(List.class);
            records = sofar;
        }
        if (body instanceof RawRow row) {
            records.add(row.getRecord());
        } else {
            @SuppressWarnings("unchecked")
            List<GenericRecord> page = (List<GenericRecord>) body;
            records.addAll(page);
        }
        Exchange result = part == null ? rows : part;
        // A window that has ended (route raw-window-done) completes its part now: Camel reads this property from
        // the exchange the strategy returns.
        if (rows.getMessage().getHeader(Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP, false, Boolean.class)) {
            result.setProperty(Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
        }
        return result;
    }
}
