package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.period.Frequency;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing real captured EIA responses ({@code src/test/resources/eia-real}, with their sources) and EIA's error shapes. */
class EiaPageParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final EiaPageParser parser = new EiaPageParser(JSON);

    @Test
    void types_a_real_generator_page_of_string_values() throws Exception {
        EiaPage page = parser.parse(fixture("generator_browns_ferry.json"), 200, cursor());

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.received()).isEqualTo(3);
        assertThat(page.rejects()).isEmpty();
        Object[] first = page.rows().get(0);
        assertThat(first[0]).isEqualTo((int) LocalDate.of(2026, 10, 1).toEpochDay());
        assertThat(first).containsSequence("46", "Browns Ferry", "1", 1254.8, 1254.8, 100.0);
    }

    @Test
    void types_a_real_local_hourly_page_whose_values_and_total_are_json_numbers() throws Exception {
        String d = "pipeline.datasets.fuel-type.";
        PageCursor cursor = cursor(
                "fuel-type",
                d + "route=electricity/rto/fuel-type-data",
                d + "frequency=local-hourly",
                d + "start=2023-03-01T00-07",
                d + "data=value",
                d + "key=period,respondent,fueltype",
                d + "fields.respondent=string",
                d + "fields.respondent-name=string",
                d + "fields.fueltype=string",
                d + "fields.type-name=string",
                d + "fields.value=double");

        EiaPage page = parser.parse(fixture("fuel_type_local_hourly_srp.json"), 200, cursor);

        assertThat(page.total()).isEqualTo(40776);
        assertThat(page.rejects()).isEmpty();
        // 2023-03-20T00-07 is 07:00 UTC; the label EIA sent is kept beside the instant.
        assertThat(page.rows().get(0))
                .containsExactly(
                        Instant.parse("2023-03-20T07:00:00Z").toEpochMilli(),
                        "SRP",
                        "Salt River Project Agricultural Improvement and Power District",
                        "NUC",
                        "Nuclear",
                        3998.0,
                        "2023-03-20T00-07");
    }

    @Test
    void rows_of_a_page_share_one_instance_of_each_repeated_value() throws Exception {
        // Rows wait in memory for their Parquet part; the same plant name on every row of a page must cost it once.
        EiaPage page = parser.parse(fixture("generator_browns_ferry.json"), 200, cursor());

        Object[] first = page.rows().get(0);
        Object[] second = page.rows().get(1);
        assertThat(second[2]).isEqualTo("Browns Ferry").isSameAs(first[2]);
        assertThat(second[1]).isSameAs(first[1]);
    }

    @Test
    void an_answer_of_another_frequency_than_asked_for_is_refused() {
        assertThatThrownBy(() ->
                        parser.parse(body("{\"response\":{\"frequency\":\"monthly\",\"data\":[]}}"), 200, cursor()))
                .isInstanceOf(EiaResponseException.class)
                .hasMessageContaining("with monthly data, but the request asked for daily")
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages.frequency");
    }

    @Test
    void an_empty_page_past_the_end_is_a_page_with_no_rows() throws Exception {
        EiaPage page = parser.parse(fixture("facility_two_years_after_last.json"), 200, cursor());

        assertThat(page.received()).isZero();
        assertThat(page.total()).isEqualTo(69103);
    }

    @Test
    void accepts_numbers_decimals_without_leading_zero_and_null_as_missing() {
        EiaPage page = parser.parse(body("""
                {"response":{"total":2,"data":[
                  {"period":"2025-01-01","facility":46,"facilityName":"X","generator":"1","capacity":".18","outage":null,"percentOutage":"907"},
                  {"period":"2025-01-01","facility":"46","facilityName":"X","generator":"2","capacity":1200.5,"outage":0,"percentOutage":0}]}}
                """), 200, cursor());

        assertThat(page.rows()).hasSize(2);
        assertThat(page.rows().get(0)).containsSequence("46", "X", "1", 0.18, null, 907.0);
        assertThat(page.rows().get(1)).containsSequence(1200.5, 0.0, 0.0);
    }

    @Test
    void rows_outside_the_window_asked_for_or_after_now_are_rejected_with_the_reason() {
        DatasetSpec dataset = new DatasetCatalog(TestSettings.properties(work)).get("generator-nuclear-outages");
        PageCursor january =
                new PageCursor(dataset, "http://eia.test/data/", 5000, "2025-01-01", "2025-01-31", 10, false);
        String row = "{\"period\":\"%s\",\"facility\":\"46\",\"facilityName\":\"X\",\"generator\":\"1\","
                + "\"capacity\":\"1\",\"outage\":\"0\",\"percentOutage\":\"0\"}";
        EiaPage page = parser.parse(
                body("{\"response\":{\"data\":[" + String.format(row, "2024-12-31") + ","
                        + String.format(row, "2025-01-15") + "," + String.format(row, "2025-02-01") + "]}}"),
                200,
                january);
        assertThat(page.rows()).hasSize(1);
        assertThat(page.rejects())
                .extracting(RejectedRow::reason)
                .containsExactly(
                        "period 2024-12-31 lies before the window asked for (2025-01-01..2025-01-31): EIA sent a row it was not asked for",
                        "period 2025-02-01 lies after the window asked for (2025-01-01..2025-01-31): EIA sent a row it was not asked for");

        // An open-ended window ends the period after the one that holds now, unless the dataset publishes forecasts.
        PageCursor newest = new PageCursor(dataset, "http://eia.test/data/", 5000, "2026-11-01", null, 10, false);
        newest.bound(Frequency.DAILY.parse("2026-11-30"));
        page = parser.parse(
                body("{\"response\":{\"data\":[" + String.format(row, "2026-11-30") + ","
                        + String.format(row, "9999-12-31") + "]}}"),
                200,
                newest);
        assertThat(page.rows()).hasSize(1);
        assertThat(page.rejects())
                .extracting(RejectedRow::reason)
                .containsExactly(
                        "period 9999-12-31 lies in the future "
                                + "(after 2026-11-30): not history; a dataset whose periods run ahead of time (forecasts) needs future-periods: true");
        newest.bound(null);
        assertThat(parser.parse(
                                body("{\"response\":{\"data\":[" + String.format(row, "9999-12-31") + "]}}"),
                                200,
                                newest)
                        .rows())
                .hasSize(1);
    }

    @Test
    void rows_missing_a_key_or_with_an_unparsable_value_are_rejected_with_the_reason() {
        EiaPage page = parser.parse(body("""
                {"response":{"total":"2","data":[
                  {"period":"2025-01-01","facility":"46","facilityName":"X","capacity":"1","outage":"0","percentOutage":"0"},
                  {"period":"2025-01-01","facility":"46","facilityName":"X","generator":"2","capacity":"n/a","outage":"0","percentOutage":"0"}]}}
                """), 200, cursor());

        assertThat(page.rows()).isEmpty();
        assertThat(page.received()).isEqualTo(2);
        assertThat(page.rejects())
                .extracting(RejectedRow::reason)
                .containsExactly("missing key field 'generator'", "unparsable double 'n/a' in field 'capacity'");
        assertThat(page.rejects().get(1).row()).containsEntry("capacity", "n/a");
    }

    @Test
    void an_error_body_with_http_200_names_the_real_status_and_eias_own_code() {
        assertThatThrownBy(() -> parser.parse(body("{\"error\":\"Not found.\",\"code\":404}"), 200, cursor()))
                .isInstanceOf(EiaResponseException.class)
                .hasMessage(
                        "EIA has no route nuclear-outages/generator-nuclear-outages (HTTP 200 with EIA error code 404: "
                                + "Not found.): check pipeline.datasets.generator-nuclear-outages.route (the route alone, without /data)");
        // EIA's code decides what it meant: a 503 in a 200 is worth a retry, a 400 in a 200 is not.
        assertThatThrownBy(() -> parser.parse(body("{\"code\":503,\"error\":\"busy\"}"), 200, cursor()))
                .isInstanceOf(EiaUnavailableException.class)
                .hasMessage(
                        "EIA answered HTTP 200 with EIA error code 503 for nuclear-outages/generator-nuclear-outages: busy");
        assertThatThrownBy(() -> parser.parse(body("{\"error\":\"Invalid data 'x'.\",\"code\":400}"), 400, cursor()))
                .hasMessageContaining("(HTTP 400: Invalid data 'x'.)");
    }

    @Test
    void a_page_whose_data_holds_something_else_than_a_row_is_malformed_not_short() {
        String row = "{\"period\":\"2025-01-01\",\"facility\":\"46\",\"generator\":\"1\"}";
        Map<String, String> named = Map.of("null", "null", "7", "a number", "\"x\"", "a string", "[]", "an array");
        named.forEach((other, what) -> assertThatThrownBy(() -> parser.parse(
                        body("{\"response\":{\"data\":[" + row + "," + other + "," + row + "]}}"), 200, cursor()))
                .as(other)
                .isInstanceOf(EiaMalformedResponseException.class)
                .hasMessageContaining("with " + what + " instead of a row at position 2"));
    }

    @Test
    void a_page_with_more_rows_than_asked_for_is_refused_and_fetched_again() {
        String rows = "{\"period\":\"2025-01-01\",\"facility\":\"46\",\"generator\":\"1\",\"capacity\":\"1\","
                + "\"outage\":\"0\",\"percentOutage\":\"0\"},";
        PageCursor two = new PageCursor(
                new DatasetCatalog(TestSettings.properties(work)).get("generator-nuclear-outages"),
                "http://eia.test/data/",
                2,
                "2007-01-01",
                null,
                10,
                true);

        assertThatThrownBy(() -> parser.parse(
                        body("{\"response\":{\"data\":[" + rows + rows + rows.substring(0, rows.length() - 1) + "]}}"),
                        200,
                        two))
                .isInstanceOf(EiaMalformedResponseException.class)
                .hasMessageContaining("page 1 (offset 0) with 3 rows, more than the 2 asked for");
    }

    @Test
    void numbers_with_a_type_suffix_and_values_that_are_objects_are_unparsable() {
        EiaPage page = parser.parse(body("""
                {"response":{"total":2,"data":[
                  {"period":"2025-01-01","facility":"46","generator":"1","capacity":"500f","outage":"0","percentOutage":"0"},
                  {"period":"2025-01-01","facility":"46","generator":"2","capacity":"500","outage":{"v":"1"},"percentOutage":"0"}]}}
                """), 200, cursor());

        assertThat(page.rows()).isEmpty();
        assertThat(page.rejects())
                .extracting(RejectedRow::reason)
                .containsExactly("unparsable double '500f' in field 'capacity'", "unparsable object in field 'outage'");
    }

    @Test
    void a_rejected_key_says_to_set_the_key_and_never_echoes_it() {
        String body = """
                {"error":{"code":"API_KEY_INVALID","message":"An invalid api_key has been supplied."},
                 "request":{"params":{"api_key":"super-secret"}}}""";

        assertThatThrownBy(() -> parser.parse(body(body), 403, cursor()))
                .isInstanceOf(EiaApiKeyRejectedException.class)
                .hasMessageContaining("HTTP 403: API_KEY_INVALID")
                .hasMessageContaining("set EIA_API_KEY")
                .hasMessageNotContaining("super-secret");
    }

    @Test
    void an_error_body_counts_whatever_the_status() {
        assertThatThrownBy(() -> parser.parse(
                        body("{\"error\":\"Invalid frequency 'yearly' provided.\",\"code\":400}"), 200, cursor()))
                .isInstanceOf(EiaResponseException.class)
                .hasMessageContaining("Invalid frequency 'yearly'")
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages");
    }

    @Test
    void a_body_that_is_not_json_fails_the_page() {
        assertThatThrownBy(() -> parser.parse(body("<html>Service Unavailable</html>"), 200, cursor()))
                .isInstanceOf(EiaResponseException.class)
                .hasMessageContaining("not the expected JSON");
        assertThatThrownBy(() -> parser.parse(body("oops"), 503, cursor()))
                .isInstanceOf(EiaUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    /** The fixture's capturer moved the real response under "response"; strip the capturer's own fields. */
    private static InputStream fixture(String name) throws Exception {
        ObjectNode captured;
        try (InputStream in = EiaPageParserTest.class.getResourceAsStream("/eia-real/" + name)) {
            captured = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("response", captured.get("response"));
        return body(JSON.writeValueAsString(envelope));
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private PageCursor cursor() {
        return cursor("generator-nuclear-outages");
    }

    private PageCursor cursor(String datasetId, String... overrides) {
        DatasetSpec dataset = new DatasetCatalog(TestSettings.properties(work, overrides)).get(datasetId);
        return new PageCursor(
                dataset, "http://eia.test/data/", 5000, dataset.start().label(), null, 10, true);
    }
}
