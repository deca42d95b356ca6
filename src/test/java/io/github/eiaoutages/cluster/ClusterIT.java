package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * Clustered mode as users run it: three instances of the packaged jar on one machine, one PostgreSQL (started by
 * the test), one data folder, one slow EIA. One run cluster-wide for 20 concurrent refreshes, every instance
 * serving the new snapshot; SIGKILL of the active instance mid-run; SIGSTOP past the lease (fencing); and 60 fires
 * of a 2-second cron, each run or recorded skipped by exactly one instance. The lease is 8 s here (60 s by default).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");
    private static final String DATASET = "generator-nuclear-outages";
    private static final Duration LEASE = Duration.ofSeconds(8);
    /** Not a common word: the log masks the password wherever it appears. */
    private static final String PASSWORD = "cluster-it-secret";

    @TempDir
    static Path work;

    private static String database;
    private static final Node[] NODES = new Node[3];
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One instance: its process, port and log. */
    private record Node(String name, Process process, int port, Path log) {

        String base() {
            return "http://127.0.0.1:" + port;
        }

        String logText() throws IOException {
            return Files.readString(log);
        }
    }

    @BeforeAll
    static void startDatabase() {
        database = TestPostgres.newDatabase();
    }

    @AfterAll
    static void stopNodes() {
        for (Node node : NODES) {
            if (node != null) {
                signal(node, "CONT");
                node.process().destroyForcibly();
            }
        }
    }

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
        long requests = generatorRequests();
        Thread.sleep(3000);
        assertThat(generatorRequests())
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

    @Test
    @Order(4)
    void sixty_fires_of_a_two_second_cron_are_each_run_or_skipped_by_exactly_one_instance() throws Exception {
        for (int i = 0; i < 3; i++) {
            NODES[i].process().destroy();
        }
        for (Node node : NODES) {
            node.process().waitFor();
        }
        EIA.delay(0);
        startNodes(true);
        Instant from = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (from.getEpochSecond() % 2 != 0) {
            from = from.plusSeconds(1);
        }
        Instant to = from.plusSeconds(120);
        Thread.sleep(Duration.between(Instant.now(), to).toMillis() + 15_000);

        Map<Instant, String[]> fires = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT scheduled_at, instance, outcome, run_id FROM "
                        + "pipeline_schedule_fires WHERE dataset = '" + DATASET + "' AND scheduled_at >= '"
                        + Timestamp.from(from) + "' AND scheduled_at < '" + Timestamp.from(to)
                        + "' ORDER BY scheduled_at")) {
            while (r.next()) {
                fires.put(r.getTimestamp(1).toInstant(), new String[] {r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        // 60 fire times, each recorded once (the key allows no second record), none left "claimed".
        assertThat(fires).hasSize(60);
        assertThat(fires.values()).allSatisfy(f -> assertThat(f[1]).isIn("run", "skipped", "missed"));
        long run = fires.values().stream().filter(f -> f[1].equals("run")).count();
        assertThat(run).as("fires that ran, of 60").isGreaterThanOrEqualTo(50);
        // Every fire that ran is one run, on the instance that recorded the fire, started by the schedule.
        Set<String> runIds = new HashSet<>();
        for (String[] fire : fires.values()) {
            if (fire[1].equals("run")) {
                assertThat(runIds.add(fire[2]))
                        .as("run %s recorded for two fires", fire[2])
                        .isTrue();
                Map<String, Object> record = get(NODES[0], "/runs/" + fire[2]);
                assertThat(record.get("instance")).isEqualTo(fire[0]);
                assertThat(record.get("trigger")).isEqualTo("schedule");
            }
        }
        // No instance ever ran a fire another one had (the second line of defence never had to act).
        for (Node node : NODES) {
            assertThat(node.logText()).doesNotContain("already handled by another instance");
        }
        // Quartz gives each fire to whichever instance acquires it first; how they were shared is shown, not required.
        Map<String, Long> byInstance = new java.util.TreeMap<>();
        fires.values().forEach(f -> byInstance.merge(f[0] + " " + f[1], 1L, Long::sum));
        System.out.println("Fires of " + from + " to " + to + " by instance and outcome: " + byInstance);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void startNodes(boolean schedules) throws Exception {
        for (int i = 0; i < 3; i++) {
            NODES[i] = launch("node" + (i + 1), schedules);
        }
        for (Node node : NODES) {
            awaitReady(node);
        }
    }

    private static Node start(String name, boolean schedules) throws Exception {
        Node node = launch(name, schedules);
        awaitReady(node);
        return node;
    }

    private static Node launch(String name, boolean schedules) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--pipeline.run-on-startup=false",
                "--pipeline.schedule.enabled=" + schedules,
                "--pipeline.eia.api-key=cluster-test-key",
                "--pipeline.eia.base-url=" + EIA.baseUrl(),
                "--pipeline.eia.page-size=20",
                "--pipeline.storage.rows-per-part=100",
                "--pipeline.eia.requests-per-second=50",
                "--pipeline.datasets." + DATASET + ".start=2025-01-01",
                "--pipeline.datasets." + DATASET + ".window-days=36500",
                "--pipeline.datasets.facility-nuclear-outages.start=2025-01-01",
                "--pipeline.datasets.us-nuclear-outages.start=2025-01-01",
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled"),
                "--pipeline.cluster.lease=" + LEASE.toSeconds() + "s",
                "--pipeline.cluster.snapshot-poll=1s",
                "--pipeline.cluster.instance-name=" + name));
        if (schedules) {
            command.add("--pipeline.datasets." + DATASET + ".schedule.cron=0/2 * * * * ?");
            // The other datasets do not fire during the test.
            command.add("--pipeline.datasets.facility-nuclear-outages.schedule.cron=0 0 0 1 1 ? 2099");
            command.add("--pipeline.datasets.us-nuclear-outages.schedule.cron=0 0 0 1 1 ? 2099");
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PIPELINE_CLUSTER_ENABLED", "true");
        builder.environment().put("SPRING_DATASOURCE_URL", database);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
        return new Node(name, builder.start(), port, log);
    }

    private static void awaitReady(Node node) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> RestClient.create(node.base())
                        .get()
                        .uri("/actuator/health/readiness")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .is2xxSuccessful());
    }

    private static void signal(Node node, String signal) {
        try {
            new ProcessBuilder(
                            "kill", "-" + signal, Long.toString(node.process().pid()))
                    .start()
                    .waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(String name) {
        for (int i = 0; i < NODES.length; i++) {
            if (NODES[i].name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String refresh(Node node) {
        Map<?, ?> answer =
                RestClient.create(node.base()).post().uri("/refresh").retrieve().body(Map.class);
        return (String) answer.get("run_id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> refreshAndWait(Node node) {
        return RestClient.create(node.base())
                .post()
                .uri("/refresh?wait=true")
                .retrieve()
                .body(Map.class);
    }

    private static void awaitPages(int pages) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> EIA.server()
                                .countRequestsMatching(
                                        WireMock.getRequestedFor(WireMock.urlPathEqualTo(EiaStub.GENERATOR_PATH))
                                                .build())
                                .getCount()
                        >= pages);
    }

    private static long generatorRequests() {
        return EIA.server()
                .countRequestsMatching(WireMock.getRequestedFor(WireMock.urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .build())
                .getCount();
    }

    private static Map<String, Object> awaitEnded(Node node, String runId, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> get(node, "/runs/" + runId), run -> !"running".equals(run.get("status")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(Node node, String path) {
        return RestClient.create(node.base()).get().uri(path).retrieve().body(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(database, "postgres", PASSWORD);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> committedRuns() throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("data/raw/" + DATASET))) {
            return runs.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void assertStoredExactly(List<Map<String, String>> expected) throws Exception {
        List<Map<String, String>> stored = stored();
        assertThat(new HashSet<>(stored)).as("no row stored twice").hasSize(stored.size());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<Map<String, String>> stored() throws Exception {
        return RawFiles.committedAsServed(work.resolve("data"), DATASET);
    }
}
