package io.github.eiaoutages.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import io.github.eiaoutages.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

/** A slow, quirky EIA: what is retried, what fails at once, and that a failed run leaves nothing behind. */
@ExtendWith(OutputCaptureExtension.class)
class EiaFaultsTest extends LiveAppTest {

    private static final List<Map<String, String>> ROWS = EiaStub.generatorRows(10, LocalDate.of(2025, 1, 1));

    @Test
    void server_errors_resets_and_timeouts_are_retried_and_the_run_stores_every_row(CapturedOutput output)
            throws Exception {
        EIA.serveGenerator(ROWS);
        failOnce("0", aResponse().withStatus(503));
        failOnce("4", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        failOnce("8", aResponse().withFixedDelay(2000).withBody("{}"));

        Map<String, Object> run = runExpecting("succeeded");

        // One line per retry: dataset, window, page, cause and the delay before the next attempt.
        assertThat(output.getAll())
                .containsPattern("generator-nuclear-outages: window 2025-01-01\\.\\., page 1 \\(offset 0\\) "
                        + "failed: EiaUnavailableException EIA answered HTTP 503 for nuclear-outages/generator-nuclear-outages; "
                        + "retry 1 of 3 in \\d+ ms")
                .containsPattern("page 2 \\(offset 4\\) failed: SocketException .*; retry 1 of 3 in")
                .containsPattern("page 3 \\(offset 8\\) failed: SocketTimeoutException .*; retry 1 of 3 in")
                .doesNotContain("Failed delivery for");

        assertThat(counts(run, GENERATOR)).containsEntry("rows_accepted", 10).containsEntry("pages", 3);
        assertThat(stored(GENERATOR)).hasSize(10);
        for (String offset : List.of("0", "4", "8")) {
            EIA.server()
                    .verify(
                            2,
                            getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                                    .withQueryParam("offset", equalTo(offset)));
        }
    }

    @Test
    void a_429_is_retried_after_the_retry_after_eia_sends() {
        EIA.serveGenerator(ROWS);
        failOnce("4", aResponse().withStatus(429).withHeader("Retry-After", "1"));

        runExpecting("succeeded");

        List<LoggedRequest> second = EIA.server()
                .findAll(
                        getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)).withQueryParam("offset", equalTo("4")));
        assertThat(second).hasSize(2);
        long waited = second.get(1).getLoggedDate().getTime()
                - second.get(0).getLoggedDate().getTime();
        // The policy's own delay in this test is 10 ms; only Retry-After explains a wait of a second.
        assertThat(waited).isGreaterThanOrEqualTo(950);
    }

    @Test
    void a_rejected_key_fails_the_run_at_once_saying_what_to_set() throws Exception {
        EIA.server()
                .stubFor(generatorPage("0")
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"error\":{\"code\":\"API_KEY_INVALID\",\"message\":\"An invalid api_key has been supplied.\"},"
                                                + "\"request\":{\"params\":{\"api_key\":\"test-secret-key\"}}}")));

        ResponseEntity<Map> response = http.postForEntity("/refresh?wait=true", null, Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(502);
        assertThat((String) response.getBody().get("error"))
                .startsWith("EIA rejected the API key (HTTP 403: API_KEY_INVALID An invalid api_key")
                .contains("set EIA_API_KEY")
                .doesNotContain("test-secret-key");
        EIA.server().verify(1, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(stored(GENERATOR)).isEmpty();
    }

    @Test
    void a_bad_request_fails_at_once_naming_the_route_and_the_dataset_to_fix() {
        EIA.server()
                .stubFor(
                        generatorPage("0")
                                .willReturn(
                                        aResponse()
                                                .withStatus(400)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"error\":\"Invalid data 'outages' provided. The only valid data are capacity, outage, percentOutage.\",\"code\":400}")));

        Map<String, Object> run = runExpecting("failed");

        assertThat((String) run.get("error"))
                .contains("nuclear-outages/generator-nuclear-outages")
                .contains("HTTP 400")
                .contains("Invalid data 'outages'")
                .contains("pipeline.datasets.generator-nuclear-outages");
        EIA.server().verify(1, getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
    }

    @Test
    void an_error_body_with_http_200_fails_the_run() {
        EIA.server()
                .stubFor(generatorPage("0")
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":\"Invalid frequency 'yearly' provided.\",\"code\":400}")));

        Map<String, Object> run = runExpecting("failed");

        assertThat((String) run.get("error")).contains("Invalid frequency 'yearly'");
    }

    @Test
    void a_body_that_is_never_json_fails_the_run_after_the_retries() {
        EIA.serveGenerator(ROWS);
        EIA.server()
                .stubFor(generatorPage("4")
                        .willReturn(aResponse().withStatus(200).withBody("<html>Gateway</html>")));

        Map<String, Object> run = runExpecting("failed");

        assertThat((String) run.get("error")).contains("not the expected JSON");
        EIA.server()
                .verify(
                        1 + 3,
                        getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)).withQueryParam("offset", equalTo("4")));
    }

    @Test
    void a_failed_run_keeps_the_previous_data_and_model_live_and_the_next_run_catches_up() throws Exception {
        EIA.serveGenerator(ROWS);
        runExpecting("succeeded");
        String snapshot =
                (String) http.getForEntity("/data", Map.class).getBody().get("snapshot");
        List<Map<String, String>> more = new java.util.ArrayList<>(ROWS);
        more.addAll(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 5)));
        EIA.serveGenerator(more);
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .willReturn(aResponse().withStatus(500)));

        Map<String, Object> failed = runExpecting("failed");

        assertThat((String) failed.get("error")).contains("HTTP 500");
        assertThat(failed).containsEntry("raw_committed", false);
        assertThat(stored(GENERATOR)).hasSize(10);
        assertThat(http.getForEntity("/data", Map.class).getBody().get("snapshot"))
                .isEqualTo(snapshot);
        assertThat(Files.exists(dataDir().resolve("raw/generator-nuclear-outages/_staging/" + failed.get("run_id"))))
                .isFalse();
        assertThat(((List<?>) http.getForEntity("/runs", List.class).getBody())).anySatisfy(r -> {
            assertThat(((Map<?, ?>) r).get("run_id")).isEqualTo(failed.get("run_id"));
            assertThat(((Map<?, ?>) r).get("status")).isEqualTo("failed");
        });

        EIA.reset();
        Map<String, Object> recovered = runExpecting("succeeded");

        assertThat(counts(recovered, GENERATOR)).containsEntry("rows_accepted", 6);
        assertThat(stored(GENERATOR)).hasSize(16);
    }

    @Test
    void a_refused_connection_names_the_setting_that_points_at_eia(@TempDir Path work) {
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "refused-test",
                "--pipeline.eia.base-url=http://127.0.0.1:1/v2",
                "--pipeline.eia.retry.attempts=1",
                "--pipeline.eia.retry.base-delay-ms=10")) {
            Map<?, ?> run = TestApps.refreshAndWait(app, GENERATOR);

            assertThat(run.get("status")).isEqualTo("failed");
            assertThat((String) run.get("error"))
                    .startsWith("Could not connect to EIA at http://127.0.0.1:1/v2 "
                            + "(EIA_BASE_URL / pipeline.eia.base-url): HttpHostConnectException")
                    .contains("Connection refused")
                    .endsWith("check that setting and the network")
                    .doesNotContain("refused-test-key");
        }
    }

    private static MappingBuilder generatorPage(String offset) {
        return get(urlPathEqualTo(EiaStub.GENERATOR_PATH)).withQueryParam("offset", equalTo(offset));
    }

    /** The page at {@code offset} fails this way once, then the emulated EIA answers it. */
    private static void failOnce(String offset, ResponseDefinitionBuilder fault) {
        EIA.server()
                .stubFor(generatorPage(offset)
                        .inScenario("flaky-" + offset)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("recovered")
                        .willReturn(fault));
    }
}
