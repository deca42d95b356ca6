package io.github.eiaoutages.raw;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.springframework.stereotype.Component;

/**
 * Gathers accepted rows into the list that becomes one Parquet part (camel-parquet-avro marshals a List and
 * takes the schema from its first record). Used by the aggregator as a POJO strategy.
 */
@Component("rawPartAggregation")
public class RawPartAggregation {

    public List<GenericRecord> add(List<GenericRecord> part, RawRow row) {
        List<GenericRecord> records = part == null ? new ArrayList<>() : part;
        records.add(row.getRecord());
        return records;
    }
}
