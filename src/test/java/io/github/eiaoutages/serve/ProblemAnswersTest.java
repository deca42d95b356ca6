package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.LiveAppTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Every error the API gives is an RFC 9457 problem (application/problem+json) that says what to change. */
class ProblemAnswersTest extends LiveAppTest {

    @Test
    void no_model_yet_unknown_paths_and_wrong_methods_are_problems_with_a_hint() {
        assertProblem(http.getForEntity("/data", Map.class), 503, "POST /refresh");
        assertProblem(http.getForEntity("/analytics/top-plants", Map.class), 503, "POST /refresh");
        assertProblem(http.getForEntity("/no/such/path", Map.class), 404, "GET /data");
        // The list of endpoints comes from the REST definitions: none is missing.
        assertProblem(http.getForEntity("/no/such/path", Map.class), 404, "/analytics/national");
        assertProblem(http.getForEntity("/no/such/path", Map.class), 404, "/datasets");
        assertProblem(http.getForEntity("/no/such/path", Map.class), 404, "POST /events/test, /refresh");
        assertProblem(
                http.getForEntity("/data?start_date=2025-02-30", Map.class),
                400,
                "is 2025-02-30, a day that does not exist (Invalid date 'FEBRUARY 30')");
        assertProblem(http.getForEntity("/runs/20990101T000000000Z", Map.class), 404, "GET /runs");
        assertProblem(
                http.exchange("/data", HttpMethod.POST, HttpEntity.EMPTY, Map.class), 405, "POST is not accepted");
        assertProblem(http.exchange("/refresh", HttpMethod.DELETE, HttpEntity.EMPTY, Map.class), 405, "/openapi.json");
        assertProblem(http.getForEntity("/runs?limit=0", Map.class), 400, "'limit' must be between 1 and 200");
    }

    private static void assertProblem(ResponseEntity<Map> answer, int status, String hint) {
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.getBody()).containsEntry("status", status).containsKeys("type", "title", "detail");
        assertThat((String) answer.getBody().get("detail")).contains(hint);
    }
}
