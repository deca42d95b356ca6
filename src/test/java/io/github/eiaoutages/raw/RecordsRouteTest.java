package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.LiveAppTest;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The {@code raw-records} route on its own, entered at {@code direct:raw-records} with its part writer replaced by
 * a mock (Camel's AdviceWith, by route and step id): a page's rows pass the idempotent consumer once, and only the
 * accepted ones reach the part aggregator, as one list in page order. The advice changes the shared application's
 * route for good, so that application is closed after this class (the next class starts a new one).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordsRouteTest extends LiveAppTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    RawRecords records;

    @Autowired
    RawKeyRepository keys;

    @Autowired
    DatasetCatalog datasets;

    @Test
    void a_page_reaches_the_part_aggregator_as_one_list_of_its_new_rows() throws Exception {
        AdviceWith.adviceWith(
                camel,
                "raw-records",
                route -> route.weaveById("to-parts").replace().to("mock:parts"));
        MockEndpoint parts = camel.getEndpoint("mock:parts", MockEndpoint.class);
        parts.expectedMessageCount(1);
        DatasetSpec dataset = datasets.get(GENERATOR);
        String runId = "20250101T000000000Z";
        keys.run(runId).dataset(GENERATOR).load(Long.MIN_VALUE, Long.MAX_VALUE, false);

        List<RawRow> page = new ArrayList<>();
        page.add(row(dataset, runId, 1, 0.0));
        page.add(row(dataset, runId, 2, 627.4));
        page.add(row(dataset, runId, 1, 0.0)); // the same row twice on one page
        page.add(row(dataset, runId, 3, 0.0));
        producer.send("direct:raw-records", exchange -> {
            exchange.setProperty("runId", runId);
            exchange.setProperty("dataset", GENERATOR);
            exchange.getMessage().setBody(page);
        });

        parts.assertIsSatisfied();
        List<?> accepted = parts.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(accepted)
                .extracting(r -> ((GenericRecord) r).get("generator").toString())
                .containsExactly("1", "2", "3");
        assertThat(keys.run(runId).dataset(GENERATOR).pendingCount()).isEqualTo(3);
    }

    /** A typed generator row of 2025-01-01 as the page parser would give it, with its idempotency key. */
    private RawRow row(DatasetSpec dataset, String runId, int generator, double outage) {
        Object[] values = new Object[dataset.rowWidth()];
        for (var field : dataset.fields()) {
            values[field.index()] = switch (field.name()) {
                case "period" -> (int) LocalDate.of(2025, 1, 1).toEpochDay();
                case "facility" -> "46";
                case "facilityName" -> "Browns Ferry";
                case "generator" -> Integer.toString(generator);
                case "capacity" -> 1254.8;
                case "outage" -> outage;
                case "percentOutage" -> outage / 1254.8 * 100;
                default -> null;
            };
        }
        GenericData.Record record = new GenericData.Record(records.schema(dataset));
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        long[] fingerprints = IdempotencyKey.fingerprints(dataset, values);
        record.put(RawRecordSchema.RUN_ID, runId);
        record.put(RawRecordSchema.ROW_FINGERPRINT, fingerprints[0]);
        record.put(RawRecordSchema.KEY_FINGERPRINT, fingerprints[1]);
        return new RawRow(
                IdempotencyKey.format(
                        fingerprints[0],
                        fingerprints[1],
                        (int) values[dataset.period().index()],
                        runId,
                        GENERATOR),
                record);
    }
}
