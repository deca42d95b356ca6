package io.github.eiaoutages.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import io.github.eiaoutages.TestApps;
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

/** A server that allows fewer requests than configured slows the client down instead of failing the run. */
@ExtendWith(OutputCaptureExtension.class)
@OwnLiveAppTest.Settings({
    "pipeline.eia.requests-per-second=4",
    "pipeline.eia.max-concurrent-requests=4",
    "pipeline.eia.page-size=50",
    "pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
    "pipeline.datasets.generator-nuclear-outages.window-days=30"
})
class RateLimitTest extends OwnLiveAppTest {

    /** 3 units over 240 days: 8 windows of 2 pages, fetched 4 windows at a time. */
    private static final List<Map<String, String>> ROWS = EiaStub.generatorRows(3 * 240, LocalDate.of(2025, 1, 1));

    @Test
    void a_server_allowing_3_requests_a_second_against_a_ceiling_of_4_slows_the_run_down_and_loses_nothing(
            CapturedOutput output) throws Exception {
        EIA.serveGenerator(ROWS);
        EIA.allowPerSecond(3);
        failOnce("2025-01-31", "0", aResponse().withStatus(503));
        failOnce("2025-03-02", "50", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        failOnce(
                "2025-05-01",
                "0",
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"response\":{\"total\":\"90\",\"data\":[{\"period\":\"2025-05-01\",\"facility\":\"46\",\"fac"));

        Map<String, Object> run = runOfExpecting(GENERATOR, "succeeded");

        assertThat(EIA.refusedRequests()).as("429s the server answered").isPositive();
        assertThat(counts(run, GENERATOR)).containsEntry("rows_accepted", ROWS.size());
        assertThat(stored(GENERATOR))
                .extracting(r -> r.get("period") + "/" + r.get("generator") + "/" + r.get("outage"))
                .containsExactlyInAnyOrderElementsOf(ROWS.stream()
                        .map(r ->
                                r.get("period") + "/" + r.get("generator") + "/" + Double.parseDouble(r.get("outage")))
                        .toList());
        assertThat(output.getAll())
                .contains("was refused with 429 (Too Many Requests): every request waits 1.0 s "
                        + "(EIA's Retry-After), the ceiling is now 2.0 requests/s");
    }

    @Test
    void only_a_rate_limit_that_outlasts_the_budget_fails_the_run_naming_the_setting(@TempDir Path work) {
        EIA.serveGenerator(ROWS.subList(0, 9));
        EIA.allowPerSecond(0);
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "rate-budget-test",
                "--pipeline.eia.retry.rate-limit-budget=2s",
                "--pipeline.eia.requests-per-second=4")) {
            Map<?, ?> run = TestApps.refreshAndWait(app, GENERATOR);

            assertThat(run.get("status")).isEqualTo("failed");
            assertThat((String) run.get("error"))
                    .startsWith("EIA kept answering 429 (Too Many Requests) for ")
                    .contains("pipeline.eia.retry.rate-limit-budget (PT2S)")
                    .contains("lower pipeline.eia.requests-per-second (now 4)");
        }
    }

    @Test
    void a_retry_after_longer_than_the_budget_fails_the_run_at_once_instead_of_waiting_for_it(@TempDir Path work) {
        EIA.serveGenerator(ROWS.subList(0, 9));
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        try (ConfigurableApplicationContext app =
                TestApps.start(EIA, work, "retry-after-test", "--pipeline.eia.retry.rate-limit-budget=20s")) {
            long started = System.nanoTime();
            Map<?, ?> run = TestApps.refreshAndWait(app, GENERATOR);

            assertThat((System.nanoTime() - started) / 1e9)
                    .as("seconds until the run failed")
                    .isLessThan(15);
            assertThat(run.get("status")).isEqualTo("failed");
            assertThat((String) run.get("error"))
                    .contains("asked to wait 60.0 min (Retry-After), more than what is left "
                            + "of pipeline.eia.retry.rate-limit-budget")
                    .contains("lower pipeline.eia.requests-per-second");
        }
    }

    @Test
    void a_window_refused_past_the_budget_stops_the_other_windows_instead_of_letting_them_page_on(@TempDir Path work)
            throws InterruptedException {
        // 200 days in windows of 20, pages of 3 rows: about 200 pages in all, 8 windows at a time.
        EIA.server().resetRequests();
        EIA.serveGenerator(EiaStub.generatorRows(600, java.time.LocalDate.of(2025, 1, 1)));
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .atPriority(1)
                        .withQueryParam("start", equalTo("2025-01-01"))
                        .withQueryParam("offset", equalTo("6"))
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "retry-after-siblings-test",
                "--pipeline.eia.page-size=3",
                "--pipeline.datasets." + GENERATOR + ".window-days=20",
                "--pipeline.eia.max-concurrent-requests=8",
                "--pipeline.eia.retry.rate-limit-budget=20s")) {
            Map<?, ?> run = TestApps.refreshAndWait(app, GENERATOR);

            assertThat(run.get("status")).isEqualTo("failed");
            // Windows still under way when the run failed would go on paging in the background: give them time to.
            Thread.sleep(3000);
            int pages = EIA.server()
                    .countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                    urlPathEqualTo(EiaStub.GENERATOR_PATH))
                            .build())
                    .getCount();
            assertThat(pages).as("data requests in all").isLessThan(60);
        }
    }

    /** The first request of the window starting on {@code start} at {@code offset} fails this way once. */
    private static void failOnce(String start, String offset, ResponseDefinitionBuilder fault) {
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .withQueryParam("start", equalTo(start))
                        .withQueryParam("offset", equalTo(offset))
                        .inScenario("flaky-" + start + offset)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("recovered")
                        .willReturn(fault));
    }
}
