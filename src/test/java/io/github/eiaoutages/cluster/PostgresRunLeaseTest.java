package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.run.RunAlreadyActiveException;
import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The run lease between two instances ("a" and "b": two registries with their own leases on one PostgreSQL and
 * one data folder), one rule per test: refusal naming run and instance, release at the end, take-over of an
 * expired lease (record interrupted, staging removed), and fencing of a commit after a take-over.
 */
class PostgresRunLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final String DATASET = "generator-nuclear-outages";

    @TempDir
    Path work;

    private HikariDataSource dataSource;
    private PostgresRunLease leaseA;
    private PostgresRunLease leaseB;
    private RunRegistry a;
    private RunRegistry b;
    private RawStore rawStore;
    private PostgresRunStore store;

    @BeforeEach
    void twoInstances() throws Exception {
        DataSourceProperties db = new DataSourceProperties();
        db.setUrl(TestPostgres.newDatabase());
        db.setUsername("postgres");
        dataSource = new ClusterConfig().clusterDataSource(db);
        ClusterDatabase database = new ClusterConfig().clusterDatabase(dataSource, db);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        store = new PostgresRunStore(database, json);
        PipelineProperties properties = TestSettings.properties(work);
        DatasetCatalog datasets = new DatasetCatalog(properties);
        rawStore = new RawStore(properties, datasets, new DuckDb(), json);
        leaseA = new PostgresRunLease(database, cluster("a"), store, rawStore, json);
        leaseB = new PostgresRunLease(database, cluster("b"), store, rawStore, json);
        a = new RunRegistry(
                store, datasets, event -> {}, clustered(properties, "a"), Optional.of(leaseA), Optional.empty());
        b = new RunRegistry(
                store, datasets, event -> {}, clustered(properties, "b"), Optional.of(leaseB), Optional.empty());
    }

    @AfterEach
    void close() {
        leaseA.stop();
        leaseB.stop();
        dataSource.close();
    }

    @Test
    void a_run_on_another_instance_is_refused_naming_the_run_and_its_instance() {
        String runId = a.open("api");

        RunAlreadyActiveException refused = catchThrowableOfType(RunAlreadyActiveException.class, () -> b.open("api"));

        assertThat(refused.properties()).isEqualTo(Map.of("active_run_id", runId, "active_run_instance", "a"));
        assertThat(refused.getMessage()).contains("on instance a");
    }

    @Test
    void a_run_that_ended_frees_the_lease_and_every_instance_lists_it_with_its_instance() {
        String runId = a.open("api");
        a.succeed(runId);

        String next = b.open("api");

        assertThat(next).isNotEqualTo(runId);
        assertThat(b.recent(10)).extracting(RunReport::instance).containsExactly("b", "a");
    }

    @Test
    void an_expired_lease_is_taken_over_its_run_recorded_interrupted_and_its_staging_removed() throws Exception {
        String runId = a.open("api");
        Path staging = Files.createDirectories(rawStore.stagingDir(DATASET, runId));
        Files.writeString(staging.resolve("part-00000.parquet"), "half a part");
        leaseA.stop(); // "a" is killed: nobody renews its lease any more

        // The files are settled first, then the record is closed in the same transaction: wait for both.
        await().atMost(LEASE.plusSeconds(5))
                .until(() -> !Files.exists(staging)
                        && !"running".equals(b.find(runId).status()));
        RunReport record = b.find(runId);
        assertThat(record.status()).isEqualTo("interrupted");
        assertThat(record.error())
                .startsWith("interrupted: instance a stopped renewing the run lease")
                .contains("instance b took the run over", "nothing of it was committed");
        assertThat(b.open("api")).isNotEqualTo(runId);
    }

    @Test
    void a_commit_after_a_take_over_is_refused_and_the_stale_run_ends_interrupted_saying_why() throws Exception {
        String runId = a.open("api");
        leaseA.stop(); // "a" is stopped (SIGSTOP): its lease expires, "b" takes the run over and starts its own
        await().atMost(LEASE.plusSeconds(5)).ignoreExceptions().until(() -> b.open("api") != null);

        LeaseLostException fenced = catchThrowableOfType(LeaseLostException.class, () -> leaseA.confirm(runId));
        // The stale run fetches no further dataset (found by the re-check: it paged a whole dataset after the loss).
        assertThat(catchThrowableOfType(
                        io.github.eiaoutages.run.ApplicationStoppingException.class, () -> a.planned(runId, List.of())))
                .hasMessageContaining("lost the run lease");
        a.fail(runId, fenced);

        assertThat(fenced.getMessage())
                .startsWith(
                        "Run " + runId + " commits nothing: interrupted: instance a lost the run lease of run " + runId)
                .contains("held by instance b");
        RunRecord stale = a.get(runId);
        assertThat(stale.getStatus()).isEqualTo("interrupted");
        assertThat(stale.getError()).contains("instance a lost the run lease");
        // The record "b" closed is not rewritten by the late writer, and both instances answer it alike.
        assertThat(b.find(runId).error()).contains("instance b took the run over");
        assertThat(a.find(runId).error()).contains("instance b took the run over");
    }

    @Test
    void no_run_starts_while_postgresql_does_not_answer_and_the_answer_is_503_saying_so() {
        dataSource.close(); // the database is gone

        ClusterDatabaseUnavailableException refused =
                catchThrowableOfType(ClusterDatabaseUnavailableException.class, () -> a.open("api"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.getMessage())
                .startsWith("PostgreSQL (spring.datasource.url)")
                .contains("no run can start");
        assertThat(a.active()).isNull();
        // Nor does the run history read as empty (a wrong answer): it is unavailable, saying why.
        assertThat(catchThrowableOfType(ClusterDatabaseUnavailableException.class, () -> a.recent(5))
                        .status())
                .isEqualTo(503);
        assertThat(catchThrowableOfType(ClusterDatabaseUnavailableException.class, () -> a.find("20261130T000000000Z"))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void a_lease_row_held_by_a_frozen_instance_gets_a_503_in_seconds_not_a_request_that_hangs() throws Exception {
        try (java.sql.Connection frozen = dataSource.getConnection()) {
            frozen.setAutoCommit(false);
            frozen.createStatement().execute("SELECT * FROM pipeline_run_lease WHERE id = 1 FOR UPDATE");
            long started = System.nanoTime();

            ClusterDatabaseUnavailableException refused =
                    catchThrowableOfType(ClusterDatabaseUnavailableException.class, () -> b.open("api"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(refused.getMessage()).contains("lock timeout");
            frozen.rollback();
        }
        assertThat(b.open("api")).isNotNull();
    }

    @Test
    void a_run_taken_over_in_the_middle_of_its_commit_is_committed_whole() throws Exception {
        String runId = a.open("api");
        for (String dataset : List.of(DATASET, "facility-nuclear-outages", "us-nuclear-outages")) {
            Path staging = Files.createDirectories(rawStore.stagingDir(dataset, runId));
            Files.writeString(staging.resolve("part-00001.parquet"), "rows");
            Files.writeString(staging.resolve("_manifest.json"), "{}");
        }
        // "a" renamed its first dataset, then froze.
        Files.move(rawStore.stagingDir(DATASET, runId), rawStore.committedDir(DATASET, runId));
        leaseA.stop();

        await().atMost(LEASE.plusSeconds(5))
                .until(() -> Files.exists(rawStore.committedDir("us-nuclear-outages", runId))
                        && !"running".equals(b.find(runId).status()));
        assertThat(rawStore.committedDir("facility-nuclear-outages", runId)).exists();
        assertThat(rawStore.stagingDir("facility-nuclear-outages", runId)).doesNotExist();
        RunReport record = b.find(runId);
        assertThat(record.rawCommitted()).isTrue();
        assertThat(record.error()).contains("its raw rows were committed");
    }

    @Test
    void the_newest_runs_of_every_instance_come_first_whatever_the_limit() throws Exception {
        for (int i = 0; i < 3; i++) {
            a.succeed(a.open("api"));
            Thread.sleep(5);
        }
        String newest = b.open("api");

        assertThat(a.recent(1)).extracting(RunReport::instance).containsExactly("b");
        assertThat(a.recent(1).get(0).runId()).isEqualTo(newest);
    }

    private static PipelineProperties.Cluster cluster(String name) {
        return new PipelineProperties.Cluster(true, LEASE, name, Duration.ofSeconds(1));
    }

    private static PipelineProperties clustered(PipelineProperties p, String name) {
        return new PipelineProperties(
                p.mode(),
                p.runOnStartup(),
                p.schedule(),
                p.eia(),
                p.storage(),
                p.model(),
                p.shutdown(),
                p.api(),
                cluster(name),
                p.alerts(),
                p.datasets());
    }
}
