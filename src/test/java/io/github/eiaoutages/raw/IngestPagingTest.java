package io.github.eiaoutages.raw;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The real YAML routes against a WireMock EIA: paging, storing exactly the rows served, deduplicating. */
@SuppressWarnings("unchecked")
class IngestPagingTest extends LiveAppTest {

    @Autowired
    CamelContext camel;

    @Test
    void stores_exactly_the_stub_rows_over_three_pages_with_a_short_last_page() throws Exception {
        List<Map<String, String>> rows = EiaStub.generatorRows(10, LocalDate.of(2025, 1, 1));
        EIA.serveGenerator(rows);

        Map<String, Object> run = runExpecting("succeeded");

        assertThat(counts(run, GENERATOR))
                .containsEntry("pages", 3)
                .containsEntry("rows_received", 10)
                .containsEntry("rows_accepted", 10);
        EIA.server().verify(3, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        List<Map<String, Object>> stored = stored(GENERATOR);
        assertThat(stored).hasSize(10);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> sent = rows.get(i);
            Map<String, Object> kept = stored.get(i);
            assertThat(kept.get("period").toString()).isEqualTo(sent.get("period"));
            assertThat(kept.get("facility")).isEqualTo(sent.get("facility"));
            assertThat(kept.get("facility_name")).isEqualTo("Browns Ferry");
            assertThat(kept.get("generator")).isEqualTo(sent.get("generator"));
            assertThat((Double) kept.get("capacity")).isEqualTo(Double.parseDouble(sent.get("capacity")));
            assertThat((Double) kept.get("outage")).isEqualTo(Double.parseDouble(sent.get("outage")));
        }
    }

    @Test
    void a_second_run_over_unchanged_data_stores_nothing() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(9, LocalDate.of(2025, 2, 1)));

        assertThat(counts(runExpecting("succeeded"), GENERATOR)).containsEntry("rows_accepted", 9);
        Map<String, Object> second = runExpecting("succeeded");

        assertThat(counts(second, GENERATOR))
                .containsEntry("rows_received", 9)
                .containsEntry("rows_accepted", 0)
                .containsEntry("rows_duplicate", 9);
        assertThat(stored(GENERATOR)).hasSize(9);
    }

    @Test
    void an_empty_page_past_the_end_ends_paging_on_a_route_whose_total_counts_something_else() throws Exception {
        // The real facility route reports total "95" for 55 rows and answers an empty page past the end; its
        // dataset says total-is-reliable: false, so the window is neither fetched again nor called incomplete.
        EIA.serveGenerator(EiaStub.generatorRows(24, LocalDate.of(2025, 3, 1)));
        EIA.reportTotal(EiaStub.FACILITY, n -> n + 87);

        Map<String, Object> run = runExpecting("succeeded");

        assertThat(counts(run, "facility-nuclear-outages"))
                .containsEntry("pages", 3)
                .containsEntry("rows_accepted", 8);
        EIA.server().verify(3, getRequestedFor(urlPathEqualTo("/v2/" + EiaStub.FACILITY + "/data/")));
        assertThat(run.get("warnings")).isNull();
    }

    @Test
    void a_window_short_of_a_reliable_total_is_fetched_again_once_and_then_reported() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(8, LocalDate.of(2025, 3, 1)), n -> n + 2);

        Map<String, Object> run = runExpecting("degraded");

        // 3 pages, then the same 3 again; the second fetch finds the same 8 rows, stored once.
        EIA.server().verify(6, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(counts(run, GENERATOR)).containsEntry("rows_accepted", 8).containsEntry("rows_duplicate", 8);
        assertThat(stored(GENERATOR)).hasSize(8);
        assertThat((List<String>) run.get("warnings"))
                .containsExactly("generator-nuclear-outages: incomplete: window "
                        + "2025-01-01.. has 8 distinct rows of the 10 EIA's total announces, after fetching it twice");
    }

    @Test
    void rows_quarantined_in_a_window_fetched_twice_count_once_and_the_shortfall_is_reported() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(4, LocalDate.of(2025, 3, 1)));
        for (String generator : List.of("7", "8", "9")) {
            rows.add(EiaStub.revised(EiaStub.revised(rows.get(0), "generator", generator), "outage", "n/a"));
        }
        EIA.serveGenerator(rows, n -> n + 3);

        Map<String, Object> run = runExpecting("degraded");

        assertThat(counts(run, GENERATOR)).containsEntry("rows_quarantined", 3).containsEntry("rows_accepted", 4);
        assertThat((List<String>) run.get("warnings"))
                .contains("generator-nuclear-outages: incomplete: window "
                        + "2025-01-01.. has 7 distinct rows of the 10 EIA's total announces, after fetching it twice");
        assertThat(Files.readAllLines(
                        dataDir().resolve("quarantine/" + GENERATOR + "/run=" + run.get("run_id") + "/rejects.jsonl")))
                .hasSize(3);
    }

    @Test
    void a_row_eia_sends_twice_on_one_page_is_not_a_missing_row() {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3, LocalDate.of(2025, 3, 1)));
        rows.add(rows.get(2));
        EIA.serveGenerator(rows);

        Map<String, Object> run = runExpecting("succeeded");

        assertThat(counts(run, GENERATOR)).containsEntry("rows_accepted", 3).containsEntry("rows_duplicate", 1);
    }

    @Test
    void requests_carry_the_key_and_sort_on_the_full_key_but_no_endpoint_shows_the_key() {
        EIA.serveGenerator(EiaStub.generatorRows(2, LocalDate.of(2025, 4, 1)));

        runExpecting("succeeded");

        EIA.server()
                .verify(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .withQueryParam("api_key", equalTo("test-secret-key"))
                        .withQueryParam("data[0]", equalTo("capacity"))
                        .withQueryParam("sort[0][column]", equalTo("period"))
                        .withQueryParam("sort[1][column]", equalTo("facility"))
                        .withQueryParam("sort[2][column]", equalTo("generator")));
        assertThat(camel.getEndpoints()).noneMatch(e -> e.getEndpointUri().contains("test-secret-key"));
    }
}
