package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.eiaoutages.SampleAppTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** POST /refresh and the run records it leads to. */
class RefreshApiTest extends SampleAppTest {

    @Test
    void refresh_answers_202_with_the_run_and_the_run_finishes() {
        ResponseEntity<Map> accepted = http.postForEntity("/refresh", null, Map.class);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String runId = (String) accepted.getBody().get("run_id");
        assertThat(accepted.getHeaders().getLocation()).hasToString("/runs/" + runId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "succeeded".equals(http.getForEntity("/runs/" + runId, Map.class).getBody().get("status")));
        List<?> runs = http.getForEntity("/runs?limit=5", List.class).getBody();
        assertThat(runs).isNotEmpty();
        assertThat(((Map<?, ?>) runs.get(0)).get("run_id")).isEqualTo(runId);
    }

    @Test
    void refresh_with_wait_answers_200_with_counts_when_the_run_has_ended() {
        await().atMost(Duration.ofSeconds(60)).until(() -> http.postForEntity("/refresh?wait=true", null, Map.class)
                .getStatusCode().value() != 409);
        ResponseEntity<Map> finished = http.postForEntity("/refresh?wait=true", null, Map.class);

        assertThat(finished.getStatusCode().value()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = finished.getBody();
        assertThat(run).containsEntry("status", "succeeded").containsEntry("trigger", "api").containsKey("finished_at");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) ((Map<?, ?>) run.get("datasets")).get("generator-nuclear-outages");
        // The startup run stored the sample; a refresh asks only for the last 14 days again (one short page of
        // 27 generators x 15 days), and nothing in them changed: every row is a duplicate.
        assertThat(counts).containsEntry("pages", 1).containsEntry("rows_received", 27 * 15).containsEntry("rows_accepted", 0);
    }

    @Test
    void an_unknown_run_is_404_and_a_bad_wait_flag_is_400() {
        assertThat(http.getForEntity("/runs/nope", Map.class).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<Map> bad = http.postForEntity("/refresh?wait=maybe", null, Map.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsEntry("parameter", "wait");
    }
}
