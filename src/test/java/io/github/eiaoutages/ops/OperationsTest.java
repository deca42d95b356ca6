package io.github.eiaoutages.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import io.github.eiaoutages.run.DatasetSchedules;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.http.ResponseEntity;

/** Schedules, health and metrics, with the clock replaced by firing triggers by hand. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@OwnLiveAppTest.Settings({
    "pipeline.schedule.enabled=true",
    // Far enough away that only the test fires them.
    "pipeline.schedule.cron=0 0 0 1 1 ? 2099",
    "pipeline.datasets.generator-nuclear-outages.schedule.cron=0 0 0 1 1 ? 2099",
    "pipeline.datasets.facility-nuclear-outages.schedule.cron=0 0 0 1 1 ? 2099",
    "pipeline.datasets.us-nuclear-outages.schedule.cron=0 0 0 1 1 ? 2099",
    "pipeline.datasets.generator-nuclear-outages.max-age=30d"
})
class OperationsTest extends OwnLiveAppTest {

    /** The runs of earlier tests of this class, which its application still lists. */
    private final Set<Object> earlierRuns = new HashSet<>();

    @BeforeEach
    void rememberEarlierRuns() {
        runs().forEach(run -> earlierRuns.add(run.get("run_id")));
    }

    @Test
    void a_fired_trigger_runs_its_dataset_and_a_fire_during_that_run_is_skipped_while_another_dataset_waits(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(40, LocalDate.now().minusDays(20)));
        EIA.delay(150);
        Map<?, ?> datasets = (Map<?, ?>) ((Map<?, ?>) pipelineHealth().get("details")).get("datasets");
        assertThat(((Map<?, ?>) datasets.get(GENERATOR)).get("next_run")).isEqualTo("2099-01-01T00:00:00Z");

        DatasetSchedules schedules = app().getBean(DatasetSchedules.class);
        schedules.fireNow(GENERATOR);
        await().atMost(Duration.ofSeconds(10)).until(() -> !runs().isEmpty());
        schedules.fireNow(GENERATOR);
        schedules.fireNow("us-nuclear-outages");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> runs().size() == 2 && runs().stream().noneMatch(r -> "running".equals(r.get("status"))));
        // And no third run turns up late: the second generator fire was dropped, not queued.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> runs().size() == 2);

        List<Map<String, Object>> runs = runs();
        assertThat(runs).hasSize(2);
        Map<String, Object> generator = runs.get(1);
        Map<String, Object> national = runs.get(0);
        assertThat(generator)
                .containsEntry("trigger", "schedule")
                .containsEntry("status", "succeeded")
                .containsEntry("datasets_requested", List.of(GENERATOR));
        assertThat(national).containsEntry("datasets_requested", List.of("us-nuclear-outages"));
        assertThat(output.getAll())
                .contains("Skipped the scheduled run of generator-nuclear-outages: Run " + generator.get("run_id")
                        + " is still active");
        // The national schedule waited for the generator run instead of being skipped.
        assertThat(national.get("started_at").toString())
                .isGreaterThanOrEqualTo(generator.get("finished_at").toString());
    }

    @Test
    void health_names_the_stale_dataset_and_readiness_stays_up() {
        // Generator rows end 40 days ago: older than its max-age of 30 days.
        EIA.serveGenerator(EiaStub.generatorRows(12, LocalDate.now().minusDays(44)));
        runExpecting("succeeded");

        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        Map<?, ?> pipeline = pipelineHealth();

        assertThat(health.getStatusCode().value()).isEqualTo(503);
        assertThat(pipeline.get("status")).isEqualTo("DOWN");
        // The facility and national rows EIA derives from the same days are stale too (their max-age is 3 days).
        // (In the order the datasets are bound, which settings given on the command line change.)
        assertThat((List<Object>) ((Map<?, ?>) pipeline.get("details")).get("stale"))
                .containsExactlyInAnyOrder(GENERATOR, "facility-nuclear-outages", "us-nuclear-outages");
        Map<?, ?> generator =
                (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) pipeline.get("details")).get("datasets")).get(GENERATOR);
        assertThat(generator.get("freshness")).isEqualTo("stale");
        assertThat(generator.get("newest_period"))
                .isEqualTo(LocalDate.now().minusDays(41).toString());
        assertThat(((Map<?, ?>) generator.get("last_run")).get("status")).isEqualTo("succeeded");
        assertThat(http.getForEntity("/actuator/health/readiness", Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(http.getForEntity("/actuator/health/liveness", Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void prometheus_counts_rows_pages_retries_by_status_and_route_metrics_without_secrets() {
        EIA.serveGenerator(EiaStub.generatorRows(10, LocalDate.now().minusDays(5)));
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .withQueryParam("offset", equalTo("4"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("recovered")
                        .willReturn(aResponse().withStatus(503)));
        // The class's application served the tests before this one too: its counters are compared before and after.
        String before = prometheus().getBody();
        runExpecting("succeeded");
        http.getForEntity("/data?limit=1", String.class);

        ResponseEntity<String> prometheus = prometheus();

        assertThat(prometheus.getStatusCode().value()).isEqualTo(200);
        String after = prometheus.getBody();
        assertThat(increase(
                        before,
                        after,
                        "pipeline_rows_total{dataset=\"generator-nuclear-outages\",outcome=\"accepted\"}"))
                .isEqualTo(10.0);
        assertThat(increase(
                        before,
                        after,
                        "pipeline_rows_total{dataset=\"generator-nuclear-outages\",outcome=\"received\"}"))
                .isEqualTo(10.0);
        assertThat(increase(before, after, "pipeline_pages_total{dataset=\"generator-nuclear-outages\"}"))
                .isEqualTo(3.0);
        assertThat(increase(before, after, "eia_http_retries_total{reason=\"503\"}"))
                .isEqualTo(1.0);
        assertThat(increase(before, after, "pipeline_run_duration_seconds_count{status=\"succeeded\",trigger=\"api\"}"))
                .isEqualTo(1.0);
        assertThat(increase(before, after, "pipeline_model_build_duration_seconds_count"))
                .isEqualTo(1.0);
        assertThat(after)
                .contains("routeId=\"eia-fetch-page\"")
                .contains("uri=\"/data\"")
                .doesNotContain("test-secret-key");
        assertThat(http.getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    private ResponseEntity<String> prometheus() {
        SecurityProperties.User management =
                app().getBean(SecurityProperties.class).getUser();
        return http.withBasicAuth(management.getName(), management.getPassword())
                .getForEntity("/actuator/prometheus", String.class);
    }

    /** How much the Prometheus series {@code series} (name and labels, as exposed) grew from one scrape to the next. */
    private static double increase(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of {@code series} in a Prometheus text exposition; 0 when it is not there yet. */
    private static double value(String exposition, String series) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    private Map<?, ?> pipelineHealth() {
        Map<?, ?> health = http.getForEntity("/actuator/health", Map.class).getBody();
        return (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("pipeline");
    }

    /** GET /runs, without the runs of the tests before this one. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> runs() {
        List<Map<String, Object>> runs = http.getForEntity("/runs", List.class).getBody();
        return runs.stream()
                .filter(run -> !earlierRuns.contains(run.get("run_id")))
                .toList();
    }
}
