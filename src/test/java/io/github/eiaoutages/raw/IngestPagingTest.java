package io.github.eiaoutages.raw;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real YAML routes against a WireMock EIA: paging, storing, deduplicating, failing cleanly. */
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=ingest-paging-test",
        "pipeline.run-on-startup=false",
        "pipeline.eia.page-size=4",
        "pipeline.eia.api-key=test-secret-key"})
class IngestPagingTest {

    private static final String DATASET = "generator-nuclear-outages";
    private static final WireMockServer EIA = new WireMockServer(options().dynamicPort());

    static {
        EIA.start();
    }

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pipeline.eia.base-url", () -> EIA.baseUrl() + "/v2");
        registry.add("pipeline.storage.data-dir", () -> work.resolve("data").toString());
        registry.add("pipeline.storage.modeled-dir", () -> work.resolve("modeled").toString());
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    CamelContext camel;

    private final EiaStub stub = new EiaStub(EIA);

    @BeforeEach
    void resetStub() {
        EIA.resetAll();
    }

    @AfterAll
    static void stopStub() {
        EIA.stop();
    }

    @Test
    void stores_exactly_the_stub_rows_over_three_pages_with_a_short_last_page() throws Exception {
        List<Map<String, Object>> rows = EiaStub.generatorRows(10, LocalDate.of(2025, 1, 1));
        stub.servePages(rows, 4, rows.size());

        Map<?, ?> run = refreshAndWait();

        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(counts(run)).containsEntry("pages", 3).containsEntry("rows_received", 10).containsEntry("rows_accepted", 10);
        EIA.verify(3, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        List<Map<String, Object>> stored = storedBetween("2025-01-01", "2025-01-31");
        assertThat(stored).hasSize(10);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> sent = rows.get(i);
            Map<String, Object> kept = stored.get(i);
            assertThat(kept.get("period").toString()).isEqualTo(sent.get("period"));
            assertThat(kept.get("facility")).isEqualTo(sent.get("facility"));
            assertThat(kept.get("facility_name")).isEqualTo("Browns Ferry");
            assertThat(kept.get("generator")).isEqualTo(sent.get("generator"));
            assertThat((Double) kept.get("capacity")).isEqualTo(Double.parseDouble((String) sent.get("capacity")));
            assertThat((Double) kept.get("outage")).isEqualTo(Double.parseDouble((String) sent.get("outage")));
        }
    }

    @Test
    void a_second_run_over_unchanged_data_stores_nothing() throws Exception {
        List<Map<String, Object>> rows = EiaStub.generatorRows(9, LocalDate.of(2025, 2, 1));
        stub.servePages(rows, 4, rows.size());

        assertThat(counts(refreshAndWait())).containsEntry("rows_accepted", 9);
        Map<?, ?> second = refreshAndWait();

        assertThat(second.get("status")).isEqualTo("succeeded");
        assertThat(counts(second)).containsEntry("rows_received", 9).containsEntry("rows_accepted", 0)
                .containsEntry("rows_duplicate", 9);
        assertThat(storedBetween("2025-02-01", "2025-02-28")).hasSize(9);
    }

    @Test
    void an_empty_page_past_the_end_ends_paging_even_when_total_says_more() throws Exception {
        // The real facility route reports total "95" for 55 rows and answers an empty page past the end.
        List<Map<String, Object>> rows = EiaStub.generatorRows(8, LocalDate.of(2025, 3, 1));
        stub.servePages(rows, 4, 95);

        Map<?, ?> run = refreshAndWait();

        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(counts(run)).containsEntry("pages", 3).containsEntry("rows_accepted", 8);
        EIA.verify(3, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(storedBetween("2025-03-01", "2025-03-31")).hasSize(8);
    }

    @Test
    void requests_carry_the_key_and_sort_on_the_full_key_but_no_endpoint_shows_the_key() throws Exception {
        stub.servePages(EiaStub.generatorRows(2, LocalDate.of(2025, 4, 1)), 4, 2);

        refreshAndWait();

        EIA.verify(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                .withQueryParam("api_key", equalTo("test-secret-key"))
                .withQueryParam("data[0]", equalTo("capacity"))
                .withQueryParam("sort[0][column]", equalTo("period"))
                .withQueryParam("sort[1][column]", equalTo("facility"))
                .withQueryParam("sort[2][column]", equalTo("generator")));
        assertThat(camel.getEndpoints()).noneMatch(e -> e.getEndpointUri().contains("test-secret-key"));
    }

    @Test
    void a_failed_run_commits_nothing_and_the_next_run_stores_every_row() throws Exception {
        List<Map<String, Object>> rows = EiaStub.generatorRows(6, LocalDate.of(2025, 5, 1));
        stub.servePages(rows, 4, rows.size());
        EIA.stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH)).withQueryParam("offset", equalTo("4"))
                .willReturn(aResponse().withStatus(500)));

        ResponseEntity<Map> failed = http.postForEntity("/refresh?wait=true", null, Map.class);

        assertThat(failed.getStatusCode().value()).isEqualTo(502);
        assertThat(failed.getBody().get("status")).isEqualTo("failed");
        assertThat((String) failed.getBody().get("error")).contains("HTTP 500").doesNotContain("test-secret-key");
        assertThat(storedBetween("2025-05-01", "2025-05-31")).isEmpty();

        EIA.resetAll();
        stub.servePages(rows, 4, rows.size());
        Map<?, ?> retried = refreshAndWait();

        assertThat(counts(retried)).containsEntry("rows_accepted", 6);
        assertThat(storedBetween("2025-05-01", "2025-05-31")).hasSize(6);
    }

    private Map<?, ?> refreshAndWait() {
        ResponseEntity<Map> response = http.postForEntity("/refresh?wait=true", null, Map.class);
        assertThat(response.getStatusCode().value()).as("POST /refresh?wait=true: %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<?, ?> run) {
        return ((Map<String, Map<String, Object>>) run.get("datasets")).get(DATASET);
    }

    private static List<Map<String, Object>> storedBetween(String first, String last) throws Exception {
        return RawFiles.committedRows(work.resolve("data"), DATASET).stream()
                .filter(r -> r.get("period").toString().compareTo(first) >= 0 && r.get("period").toString().compareTo(last) <= 0)
                .toList();
    }
}
