package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * While a run pages through EIA, GET /runs/{id} shows how far it is and the log says so every 5 s; the record is
 * complete when it ends.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class RunProgressTest extends LiveAppTest {

    @Test
    void a_running_run_reports_pages_done_of_expected_rows_per_second_and_eta(
            org.springframework.boot.test.system.CapturedOutput output) {
        // 320 rows at 4 per page: 80 pages of 110 ms each, about 9 s - runs under 5 s log no progress, and from then
        // on a line a second (live-app.properties).
        EIA.serveGenerator(EiaStub.generatorRows(320, LocalDate.of(2025, 1, 1)));
        EIA.delay(110);
        ResponseEntity<Map> accepted =
                http.postForEntity("/refresh?dataset=generator-nuclear-outages", null, Map.class);
        String location = accepted.getHeaders().getLocation().toString();

        List<Map<?, ?>> samples = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Map<?, ?> run = http.getForEntity(location, Map.class).getBody();
                    if ("running".equals(run.get("status")) && run.get("progress") != null) {
                        samples.add((Map<?, ?>) run.get("progress"));
                    }
                    return !"running".equals(run.get("status"));
                });

        assertThat(samples).hasSizeGreaterThan(3);
        Map<?, ?> late = samples.get(samples.size() - 1);
        assertThat(number(late, "pages_done")).isGreaterThan(number(samples.get(0), "pages_done"));
        assertThat(number(late, "pages_expected")).isBetween(number(late, "pages_done"), 81L);
        // EIA says 320 rows: 80 pages of 4 (the empty page that confirms the end is not foreseen).
        assertThat(number(samples.get(samples.size() / 2), "pages_expected")).isEqualTo(80L);
        assertThat(number(late, "rows_received")).isEqualTo(Math.min(320, number(late, "pages_done") * 4));
        assertThat(number(late, "rows_per_second")).isPositive();
        assertThat(samples.get(samples.size() / 2).get("eta_seconds")).isNotNull();
        String runId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(output.getAll())
                .containsPattern("Run " + runId + ": page \\d+ of ~\\d+, \\d+ rows received, \\d+ rows/s");
        Map<?, ?> done = http.getForEntity(location, Map.class).getBody();
        assertThat(done.get("status")).isEqualTo("succeeded");
        assertThat(done.get("progress")).isNull();
        assertThat(done.get("datasets_requested")).isEqualTo(List.of("generator-nuclear-outages"));
    }

    private static long number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
