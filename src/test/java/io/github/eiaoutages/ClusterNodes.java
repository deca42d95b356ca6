package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.eiaoutages.cluster.TestPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * Three instances of the packaged jar on one machine, one PostgreSQL (started by the test), one data folder, one slow
 * EIA: what {@link ClusterIT} and {@link ClusterScheduleIT} share. Each class gets its own database and folder, so
 * the two can run at the same time (in two test JVMs). The lease is 8 s here (60 s by default).
 */
abstract class ClusterNodes {

    /** One stub for the JVM (both classes may run in one, one after the other): reset for each class. */
    static final EiaStub EIA = new EiaStub();

    static final String DATASET = "generator-nuclear-outages";
    static final Duration LEASE = Duration.ofSeconds(8);
    /** Not a common word: the log masks the password wherever it appears. */
    static final String PASSWORD = "cluster-it-secret";

    @TempDir
    static Path work;

    static String database;
    static final Node[] NODES = new Node[3];
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One instance: its process and log; its port once it listens (read from the log). */
    record Node(String name, Process process, Path log) {

        /** Its address; waits until it listens (the three start at the same time). */
        String base() {
            return "http://127.0.0.1:" + PackagedJar.awaitPort(process, log);
        }

        String logText() throws IOException {
            return Files.readString(log);
        }
    }

    @BeforeAll
    static void startDatabase() {
        EIA.reset();
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

    static void startNodes(boolean schedules) throws Exception {
        for (int i = 0; i < 3; i++) {
            NODES[i] = launch("node" + (i + 1), schedules);
        }
        for (Node node : NODES) {
            awaitReady(node);
        }
    }

    static Node start(String name, boolean schedules) throws Exception {
        Node node = launch(name, schedules);
        awaitReady(node);
        return node;
    }

    static Node launch(String name, boolean schedules) throws IOException {
        Path log = work.resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = PackagedJar.java("384m");
        command.addAll(List.of(
                "--server.port=0",
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
        return new Node(name, builder.start(), log);
    }

    static void awaitReady(Node node) {
        PackagedJar.awaitReady(node.process(), node.log(), node.base(), PackagedJar.STARTUP);
    }

    static void signal(Node node, String signal) {
        try {
            new ProcessBuilder(
                            "kill", "-" + signal, Long.toString(node.process().pid()))
                    .start()
                    .waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(String name) {
        for (int i = 0; i < NODES.length; i++) {
            if (NODES[i].name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static String refresh(Node node) {
        Map<?, ?> answer =
                RestClient.create(node.base()).post().uri("/refresh").retrieve().body(Map.class);
        return (String) answer.get("run_id");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> refreshAndWait(Node node) {
        return RestClient.create(node.base())
                .post()
                .uri("/refresh?wait=true")
                .retrieve()
                .body(Map.class);
    }

    static void awaitPages(int pages) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> EIA.generatorRequests() >= pages);
    }

    static Map<String, Object> awaitEnded(Node node, String runId, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> get(node, "/runs/" + runId), run -> !"running".equals(run.get("status")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> get(Node node, String path) {
        return RestClient.create(node.base()).get().uri(path).retrieve().body(Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(database, "postgres", PASSWORD);
    }

    static long count(String sql) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static List<String> committedRuns() throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("data/raw/" + DATASET))) {
            return runs.map(p -> p.getFileName().toString()).toList();
        }
    }

    static void assertStoredExactly(List<Map<String, String>> expected) throws Exception {
        List<Map<String, String>> stored = stored();
        assertThat(new HashSet<>(stored)).as("no row stored twice").hasSize(stored.size());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    }

    static List<Map<String, String>> stored() throws Exception {
        return RawFiles.committedAsServed(work.resolve("data"), DATASET);
    }
}
