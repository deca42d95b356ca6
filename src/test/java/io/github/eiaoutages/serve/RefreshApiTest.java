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
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "succeeded"
                        .equals(http.getForEntity("/runs/" + runId, Map.class)
                                .getBody()
                                .get("status")));
        List<?> runs = http.getForEntity("/runs?limit=5", List.class).getBody();
        assertThat(runs).isNotEmpty();
        assertThat(((Map<?, ?>) runs.get(0)).get("run_id")).isEqualTo(runId);
    }

    @Test
    void refresh_with_wait_answers_200_with_counts_when_the_run_has_ended() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.postForEntity("/refresh?wait=true", null, Map.class)
                                .getStatusCode()
                                .value()
                        != 409);
        ResponseEntity<Map> finished = http.postForEntity("/refresh?wait=true", null, Map.class);

        assertThat(finished.getStatusCode().value()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = finished.getBody();
        assertThat(run)
                .containsEntry("status", "succeeded")
                .containsEntry("trigger", "api")
                .containsKey("finished_at");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts =
                (Map<String, Object>) ((Map<?, ?>) run.get("datasets")).get("generator-nuclear-outages");
        // The startup run stored the sample; a refresh asks only for the last 14 days again (one short page of
        // 27 generators x 15 days), and nothing in them changed: every row is a duplicate.
        assertThat(counts)
                .containsEntry("pages", 1)
                .containsEntry("rows_received", 27 * 15)
                .containsEntry("rows_accepted", 0);
    }

    @Test
    void an_unknown_run_is_404_and_a_bad_wait_flag_is_400() {
        assertThat(http.getForEntity("/runs/nope", Map.class).getStatusCode().value())
                .isEqualTo(404);
        ResponseEntity<Map> bad = http.postForEntity("/refresh?wait=maybe", null, Map.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsEntry("parameter", "wait");
    }

    @Test
    void twenty_concurrent_refreshes_start_exactly_one_run_and_the_others_get_409_naming_it() throws Exception {
        awaitNoActiveRun();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ResponseEntity<Map>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return http.postForEntity("/refresh", null, Map.class);
            }));
        }
        start.countDown();
        List<ResponseEntity<Map>> answers = new java.util.ArrayList<>();
        for (var call : calls) {
            answers.add(call.get());
        }
        pool.shutdown();

        List<ResponseEntity<Map>> accepted =
                answers.stream().filter(a -> a.getStatusCode().value() == 202).toList();
        assertThat(accepted).hasSize(1);
        String runId = (String) accepted.get(0).getBody().get("run_id");
        assertThat(answers)
                .filteredOn(a -> a.getStatusCode().value() == 409)
                .hasSize(19)
                .allSatisfy(conflict -> {
                    assertThat(conflict.getBody())
                            .containsEntry("active_run_id", runId)
                            .containsEntry("status", 409);
                    assertThat((String) conflict.getBody().get("detail")).contains(runId);
                    assertThat(conflict.getHeaders().getContentType()).hasToString("application/problem+json");
                });
        awaitNoActiveRun();
    }

    @Test
    void refresh_of_one_dataset_with_a_preview_of_each_modeled_table() {
        awaitNoActiveRun();
        ResponseEntity<Map> finished = http.postForEntity(
                "/refresh?wait=true&dataset=us-nuclear-outages&preview=true&head=2", null, Map.class);

        assertThat(finished.getStatusCode().value()).isEqualTo(200);
        Map<?, ?> run = finished.getBody();
        assertThat(run.get("datasets_requested")).isEqualTo(List.of("us-nuclear-outages"));
        assertThat(List.copyOf(((Map<?, ?>) run.get("datasets")).keySet())).isEqualTo(List.of("us-nuclear-outages"));
        Map<?, ?> preview = (Map<?, ?>) run.get("preview");
        assertThat(preview.get("snapshot"))
                .isEqualTo(
                        http.getForEntity("/data?limit=1", Map.class).getBody().get("snapshot"));
        for (String table : List.of("dim_plant", "dim_date", "fact_outage")) {
            assertThat((List<?>) preview.get(table)).as(table).hasSize(2);
        }
        assertThat(((Map<?, ?>) ((List<?>) preview.get("fact_outage")).get(0))
                        .keySet()
                        .containsAll(List.of("outage_id", "start_ts", "is_ongoing")))
                .isTrue();
    }

    @Test
    void refresh_parameters_are_checked_before_a_run_opens() {
        awaitNoActiveRun();
        Object newest = ((Map<?, ?>)
                        http.getForEntity("/runs?limit=1", List.class).getBody().get(0))
                .get("run_id");

        ResponseEntity<Map> unknown = http.postForEntity("/refresh?dataset=coal", null, Map.class);
        ResponseEntity<Map> head = http.postForEntity("/refresh?wait=true&preview=true&head=101", null, Map.class);
        ResponseEntity<Map> noWait = http.postForEntity("/refresh?preview=true", null, Map.class);
        ResponseEntity<Map> typo = http.postForEntity("/refresh?datset=us-nuclear-outages", null, Map.class);

        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat((String) unknown.getBody().get("detail")).contains("generator-nuclear-outages", "'coal'");
        assertThat(head.getStatusCode().value()).isEqualTo(400);
        assertThat(head.getBody()).containsEntry("parameter", "head");
        assertThat(noWait.getStatusCode().value()).isEqualTo(400);
        assertThat(noWait.getBody()).containsEntry("parameter", "preview");
        assertThat(typo.getStatusCode().value()).isEqualTo(400);
        assertThat(typo.getBody()).containsEntry("parameter", "datset");
        assertThat((String) typo.getBody().get("detail")).contains("dataset", "wait", "start", "end");
        assertThat(((Map<?, ?>) http.getForEntity("/runs?limit=1", List.class)
                                .getBody()
                                .get(0))
                        .get("run_id"))
                .isEqualTo(newest);
    }

    private void awaitNoActiveRun() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<?> runs =
                            http.getForEntity("/runs?limit=1", List.class).getBody();
                    return runs.isEmpty() || !"running".equals(((Map<?, ?>) runs.get(0)).get("status"));
                });
    }
}
