package io.github.eiaoutages.raw;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers accepted rows into the list that becomes one Parquet part (camel-parquet-avro marshals a List and
 * takes the schema from its first record). It runs once per row, so it is a plain {@link AggregationStrategy}
 * rather than a POJO the aggregator would call by reflection.
 */
@Component("rawPartAggregation")
public class RawPartAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange part, Exchange row) {
        GenericRecord record = row.getMessage().getBody(RawRow.class).getRecord();
        if (part == null) {
            List<GenericRecord> records = new ArrayList<>();
            records.add(record);
            row.getMessage().setBody(records);
            return row;
        }
        @SuppressWarnings("unchecked")
        List<GenericRecord> records = part.getMessage().getBody(List.class);
        records.add(record);
        return part;
    }
}
