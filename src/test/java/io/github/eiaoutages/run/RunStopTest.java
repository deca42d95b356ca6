package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.raw.RawCommit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop (SIGTERM) and the raw commit: before it, no commit; during it, the commit ends whole first. */
class RunStopTest {

    @TempDir
    Path work;

    private RunRegistry registry() {
        PipelineProperties properties = TestSettings.properties(work);
        ObjectMapper json =
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return new RunRegistry(new FileRunStore(properties, json), new DatasetCatalog(properties), event -> {});
    }

    @Test
    void a_run_asked_to_stop_before_its_commit_does_not_commit() throws Exception {
        RunRegistry runs = registry();
        String runId = runs.open("api");
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            runs.attach(runId);
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                // the stop
            }
            assertThatThrownBy(() -> runs.checkNotInterrupted(runId)).isInstanceOf(ApplicationStoppingException.class);
            runs.fail(runId, new ApplicationStoppingException("interrupted before its commit"));
        });
        Thread.sleep(200);

        runs.interruptActive(3000);

        run.get(5, TimeUnit.SECONDS);
        assertThat(runs.get(runId).getStatus()).isEqualTo("interrupted");
        assertThat(runs.get(runId).getError()).contains("nothing of it was committed");
    }

    @Test
    void a_run_that_fails_because_the_stop_aborted_its_requests_is_interrupted_not_failed() {
        RunRegistry runs = registry();
        String runId = runs.open("ingest-once");
        runs.stopping();
        // The stop closes the rate ceiling before it interrupts the run: the fetch fails first, with this cause.
        runs.fail(
                runId,
                new IllegalStateException(
                        "fetch failed",
                        new java.util.concurrent.CancellationException(
                                "no more requests to EIA: the application is stopping")));
        assertThat(runs.get(runId).getStatus()).isEqualTo("interrupted");
        assertThat(runs.get(runId).getError()).startsWith("interrupted: ").contains("nothing of it was committed");

        // A run that fails of something else while the application stops is still a failure.
        RunRegistry again = registry();
        String other = again.open("api");
        again.stopping();
        again.fail(other, new IllegalStateException("EIA answered 500 four times"));
        assertThat(again.get(other).getStatus()).isEqualTo("failed");
    }

    @Test
    void a_run_stopped_during_its_commit_commits_whole_and_is_interrupted_after_it() throws Exception {
        RunRegistry runs = registry();
        String runId = runs.open("api");
        AtomicBoolean interruptedDuringCommit = new AtomicBoolean();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            runs.attach(runId);
            runs.checkNotInterrupted(runId);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < end) {
                // The commit: renames and manifest writes, which an interrupt would cut in half.
                interruptedDuringCommit.compareAndSet(
                        false, Thread.currentThread().isInterrupted());
            }
            runs.recordCommit(runId, new RawCommit(Map.of(), Map.of()));
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                runs.fail(runId, e);
            }
        });
        Thread.sleep(200);

        runs.interruptActive(300);

        run.get(5, TimeUnit.SECONDS);
        assertThat(interruptedDuringCommit).as("interrupted inside the commit").isFalse();
        RunRecord record = runs.get(runId);
        assertThat(record.getStatus()).isEqualTo("interrupted");
        assertThat(record.isRawCommitted()).isTrue();
        assertThat(record.getError()).contains("its raw rows were committed");
    }

    @Test
    void a_scheduled_fire_waits_for_another_datasets_run_as_long_as_the_setting_says_then_is_skipped()
            throws Exception {
        PipelineProperties properties = TestSettings.properties(work, "pipeline.schedule.wait-for-active-run=300ms");
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        RunRegistry runs = new RunRegistry(
                new FileRunStore(properties, json), new DatasetCatalog(properties), event -> {}, properties);
        String other = runs.open("api", List.of("us-nuclear-outages"));

        long started = System.nanoTime();
        Throwable skipped = catchThrowable(() -> runs.openWhenIdle("schedule", "generator-nuclear-outages"));

        assertThat(skipped).isInstanceOf(RunAlreadyActiveException.class).hasMessageContaining(other);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(250L, 5000L);
    }

    @Test
    void a_scheduled_fire_waiting_for_another_datasets_run_is_released_at_once_by_a_stop() throws Exception {
        RunRegistry runs = registry();
        runs.open("api", List.of("us-nuclear-outages"));
        CompletableFuture<Throwable> fire = CompletableFuture.supplyAsync(() -> {
            try {
                runs.openWhenIdle("schedule", "generator-nuclear-outages", 1_800_000);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(200);
        assertThat(fire).as("waiting for the other dataset's run").isNotDone();

        long stopped = System.nanoTime();
        runs.stopping();

        assertThat(fire.get(2, TimeUnit.SECONDS))
                .isInstanceOf(ApplicationStoppingException.class)
                .hasMessageContaining("waits for the next fire after the restart");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)).isLessThan(1000);
    }
}
