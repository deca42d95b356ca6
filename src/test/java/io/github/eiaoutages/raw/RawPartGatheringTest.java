package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How accepted rows become parts ({@code routes/records.camel.yaml}): a page's accepted rows gathered by the split,
 * pages gathered into parts, a part closed when full. One test per rule, on plain exchanges.
 */
class RawPartGatheringTest {

    private static final Schema SCHEMA =
            SchemaBuilder.record("row").fields().requiredInt("n").endRecord();

    private final CamelContext camel = new DefaultCamelContext();

    @TempDir
    Path work;

    private GenericRecord record(int n) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("n", n);
        return record;
    }

    /** A row's exchange after the idempotent consumer: accepted rows hold their record, stopped ones their RawRow. */
    private Exchange row(int n, boolean accepted) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(accepted ? record(n) : new RawRow("key-" + n, record(n)));
        return exchange;
    }

    private Exchange list(List<GenericRecord> records) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(new ArrayList<>(records));
        return exchange;
    }

    private static List<Object> numbers(Exchange exchange) {
        List<Object> numbers = new ArrayList<>();
        for (Object record : exchange.getMessage().getBody(List.class)) {
            numbers.add(((GenericRecord) record).get("n"));
        }
        return numbers;
    }

    @Test
    void a_page_keeps_its_accepted_rows_in_order_and_leaves_out_the_rows_the_consumer_stopped() {
        RawAcceptedRows strategy = new RawAcceptedRows();
        Exchange page = null;
        for (int n = 1; n <= 5; n++) {
            page = strategy.aggregate(page, row(n, n != 2 && n != 4));
        }
        assertThat(numbers(page)).containsExactly(1, 3, 5);
    }

    @Test
    void a_page_whose_first_row_is_a_duplicate_still_starts_an_empty_list() {
        Exchange page = new RawAcceptedRows().aggregate(null, row(1, false));
        assertThat(page.getMessage().getBody(List.class)).isEmpty();
        assertThat(new RawPageAccepted().matches(page)).isFalse();
        assertThat(new RawPageAccepted().matches(new RawAcceptedRows().aggregate(null, row(1, true))))
                .isTrue();
    }

    @Test
    void a_row_that_failed_fails_the_page() {
        RawAcceptedRows strategy = new RawAcceptedRows();
        Exchange failed = row(2, true);
        failed.setException(new RawStoreUnreadableException("keys of 2025-01-02 unreadable", null));
        Exchange page = strategy.aggregate(strategy.aggregate(null, row(1, true)), failed);
        assertThat(page.getException()).hasMessageContaining("unreadable");
    }

    @Test
    void pages_join_their_part_in_arrival_order_and_single_rows_of_older_routes_too() {
        RawPartAggregation strategy = new RawPartAggregation();
        Exchange part = strategy.aggregate(null, list(List.of(record(1), record(2))));
        part = strategy.aggregate(part, list(List.of(record(3))));
        Exchange single = new DefaultExchange(camel);
        single.getMessage().setBody(new RawRow("key-4", record(4)));
        part = strategy.aggregate(part, single);
        assertThat(numbers(part)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void a_window_that_ended_completes_its_part_and_adds_no_row() {
        RawPartAggregation strategy = new RawPartAggregation();
        Exchange part = strategy.aggregate(null, list(List.of(record(1))));
        assertThat(part.getProperty(Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP))
                .isNull();
        Exchange ended = list(List.of());
        ended.getMessage().setHeader(Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
        part = strategy.aggregate(part, ended);
        assertThat(part.getProperty(Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP, Boolean.class))
                .isTrue();
        assertThat(numbers(part)).containsExactly(1);
    }

    @Test
    void a_part_closes_once_it_holds_rows_per_part_rows() {
        RawPartFull full = new RawPartFull(TestSettings.properties(work, "pipeline.storage.rows-per-part=100"));
        List<GenericRecord> records = new ArrayList<>();
        for (int n = 0; n < 99; n++) {
            records.add(record(n));
        }
        assertThat(full.matches(list(records))).isFalse();
        records.add(record(99));
        assertThat(full.matches(list(records))).isTrue();
        records.add(record(100));
        assertThat(full.matches(list(records)))
                .as("a page may carry it past the size")
                .isTrue();
    }
}
