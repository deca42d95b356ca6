package io.github.eiaoutages.raw;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers the rows of one page that the idempotent consumer let through ({@code aggregationStrategy: acceptedRows}
 * of the {@code each-row} split in {@code routes/records.camel.yaml}): after the split the page's body is the list
 * of their Avro records, in page order, and goes to the part aggregator as one exchange.
 *
 * <p>An accepted row's body is its record ({@link RawRowRecord}); a row the consumer stopped still holds its
 * {@link RawRow} and is left out. A row whose
 * exchange failed (its period's keys could not be read from the raw store) fails the page: its exception is
 * carried over, so the split stops and the run fails, with nothing of the page kept. Handing the part aggregator a
 * page instead of each row spares it a copy of every row's exchange and a route hop: half the routing cost of a
 * row (README "Performance").
 */
@Component("acceptedRows")
public class RawAcceptedRows implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange page, Exchange row) {
        Exchange result = page != null ? page : row;
        List<GenericRecord> accepted;
        if (page == null) {
            accepted = new ArrayList<>();
        } else {
            @SuppressWarnings("unchecked")
            List<GenericRecord> sofar = page.getMessage().getBody(List.class);
            accepted = sofar;
        }
        if (row.getException() != null) {
            result.setException(row.getException());
        } else if (row.getMessage().getBody() instanceof GenericRecord record) {
            accepted.add(record);
        }
        result.getMessage().setBody(accepted);
        return result;
    }
}
