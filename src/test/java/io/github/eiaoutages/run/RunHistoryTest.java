package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run records outlive the process that wrote them; a run the process died in is closed as interrupted. */
class RunHistoryTest {

    @TempDir
    Path work;

    @Test
    void a_new_process_lists_earlier_runs_and_closes_the_one_that_was_interrupted() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        ObjectMapper json =
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        RunRegistry first =
                new RunRegistry(new FileRunStore(properties, json), new DatasetCatalog(properties), event -> {});
        String finished = first.open("schedule");
        first.fail(finished, new IllegalStateException("EIA said no"));
        String interrupted = first.open("api");

        RunRegistry restarted =
                new RunRegistry(new FileRunStore(properties, json), new DatasetCatalog(properties), event -> {});

        List<RunReport> runs = restarted.recent(10);
        assertThat(runs).hasSize(2);
        RunReport newest = runs.get(0);
        assertThat(newest.runId()).isEqualTo(interrupted);
        assertThat(newest.status()).isEqualTo("interrupted");
        assertThat(newest.error()).startsWith("interrupted: the application stopped during this run");
        RunReport older = restarted.find(finished);
        assertThat(older.status()).isEqualTo("failed");
        assertThat(older.error()).isEqualTo("EIA said no");
        assertThat(older.trigger()).isEqualTo("schedule");
        // As written on disk: an ISO-8601 instant.
        assertThat(json.readTree(work.resolve("data/runs/" + finished + ".json").toFile())
                        .get("started_at")
                        .asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // A new run of the restarted process is listed first, and no run is active after a restart.
        String next = restarted.open("api");
        assertThat(restarted.recent(3).get(0).runId()).isEqualTo(next);
        assertThat(restarted.recent(3)).hasSize(3);
    }
}
