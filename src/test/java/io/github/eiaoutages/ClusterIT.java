package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Clustered mode as users run it ({@link ClusterNodes}): one run cluster-wide for 20 concurrent refreshes, every
 * instance serving the new snapshot; SIGKILL of the active instance mid-run; SIGSTOP past the lease (fencing). The
 * schedule's side is {@link ClusterScheduleIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends ClusterNodes {

    @Test
    @Order(1)
    void twenty_concurrent_refreshes_start_one_run_and_every_instance_serves_its_snapshot() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(3 * 100, LocalDate.of(2025, 1, 1)));
        startNodes(false);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        List<String> askedNodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Node node = NODES[i % 3];
            askedNodes.add(node.name());
            answers.add(pool.submit(() -> {
                go.await();
                return HTTP.send(
                        HttpRequest.newBuilder(URI.create(node.base() + "/refresh"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }));
        }
        go.countDown();
        List<HttpResponse<String>> accepted = new ArrayList<>();
        List<HttpResponse<String>> refused = new ArrayList<>();
        String runner = null;
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> response = answers.get(i).get();
            if (response.statusCode() == 202) {
                accepted.add(response);
                runner = askedNodes.get(i);
            } else {
                refused.add(response);
            }
        }
        pool.shutdown();

        assertThat(accepted).as("runs started by 20 concurrent POST /refresh").hasSize(1);
        String runId = (String) json(accepted.get(0).body()).get("run_id");
        String runningNode = runner;
        assertThat(refused).hasSize(19).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(409);
            Map<String, Object> problem = json(response.body());
            assertThat(problem.get("active_run_id")).isEqualTo(runId);
            assertThat(problem.get("active_run_instance")).isEqualTo(runningNode);
            assertThat((String) problem.get("detail")).contains("on instance " + runningNode);
        });

        // Every instance shows the run, with the instance that ran it, once it has ended.
        Map<String, Object> run = awaitEnded(NODES[(indexOf(runner) + 1) % 3], runId, Duration.ofSeconds(60));
        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(run.get("instance")).isEqualTo(runner);
        assertThat(count("SELECT count(*) FROM pipeline_runs")).isEqualTo(1);

        // ... and serves the snapshot it published within 10 s of the run's end.
        String snapshot = (String) run.get("snapshot");
        assertThat(snapshot).isNotBlank();
        Instant ended = Instant.now();
        for (Node node : NODES) {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> snapshot.equals(get(node, "/data?limit=1").get("snapshot")));
        }
        assertThat(Duration.between(ended, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(get(NODES[2], "/data?limit=1").get("total"))
                .isEqualTo(get(NODES[0], "/data?limit=1").get("total"));
    }

    @Test
    @Order(2)
    void an_instance_killed_mid_run_is_taken_over_within_its_lease_and_the_next_run_stores_every_row_once()
            throws Exception {
        List<Map<String, String>> rows = EiaStub.generatorRows(3 * 400, LocalDate.of(2025, 1, 1));
        EIA.serveGenerator(rows);
        EIA.delay(100);
        EIA.server().resetRequests();
        Node victim = NODES[0];
        String runId = refresh(victim);
        awaitPages(15);
        victim.process().destroyForcibly();
        Instant killed = Instant.now();

        // A survivor records the run interrupted and removes its staging within the lease (+ one check).
        Map<String, Object> run = awaitEnded(NODES[1], runId, LEASE.plusSeconds(20));
        Duration takenOver = Duration.between(killed, Instant.now());
        assertThat(run.get("status")).isEqualTo("interrupted");
        assertThat(run.get("instance")).isEqualTo(victim.name());
        assertThat((String) run.get("error"))
                .contains("stopped renewing the run lease")
                .contains("took the run over");
        assertThat(takenOver).isLessThan(LEASE.plusSeconds(10));
        assertThat(work.resolve("data/raw/" + DATASET + "/_staging/" + runId)).doesNotExist();

        // The next refresh on a survivor completes the work: every row once.
        EIA.delay(0);
        Map<String, Object> next = refreshAndWait(NODES[1]);
        assertThat(next.get("status")).isEqualTo("succeeded");
        assertStoredExactly(rows);
        NODES[0] = start("node1", false);
    }

    @Test
    @Order(3)
    void a_stopped_instance_taken_over_commits_nothing_when_it_resumes_and_says_why() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3 * 460, LocalDate.of(2025, 1, 1)));
        EIA.serveGenerator(rows);
        EIA.delay(150);
        EIA.server().resetRequests();
        Node stale = NODES[1];
        String runId = refresh(stale);
        awaitPages(3);
        signal(stale, "STOP");
        try {
            Map<String, Object> run = awaitEnded(NODES[2], runId, LEASE.plusSeconds(20));
            assertThat(run.get("status")).isEqualTo("interrupted");

            // A survivor runs while the stale instance is still stopped.
            EIA.delay(0);
            assertThat(refreshAndWait(NODES[2]).get("status")).isEqualTo("succeeded");
            assertStoredExactly(rows);
        } finally {
            signal(stale, "CONT");
        }

        // Resumed, the stale instance learns it lost the lease, stops its run, commits nothing and says why.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stale.logText().contains("lost the run lease of run " + runId));
        // ... and its windows stop paging at once: the instance that took over uses the same EIA key.
        Thread.sleep(3000);
        long requests = EIA.generatorRequests();
        Thread.sleep(3000);
        assertThat(EIA.generatorRequests())
                .as("pages the stale instance fetched after it lost the lease")
                .isEqualTo(requests);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> !"running".equals(get(stale, "/runs/" + runId).get("status")));
        assertThat(stale.logText()).doesNotContain("Run " + runId + " succeeded");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !Files.exists(work.resolve("data/raw/" + DATASET + "/_staging/" + runId)));
        assertStoredExactly(rows);
        assertThat(committedRuns()).doesNotContain("run=" + runId);
        // The record stays as the survivor closed it: a late writer does not rewrite an ended run.
        assertThat((String) get(NODES[0], "/runs/" + runId).get("error")).contains("took the run over");
        assertThat((String) get(stale, "/runs/" + runId).get("error")).contains("took the run over");
    }
}
