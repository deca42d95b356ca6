package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run records outlive the process that wrote them; a run the process died in is closed as interrupted. */
class RunHistoryTest {

    @TempDir
    Path work;

    @Test
    void a_new_process_lists_earlier_runs_and_closes_the_one_that_was_interrupted() {
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

        List<Object> runs = restarted.recent(10);
        assertThat(runs).hasSize(2);
        Map<?, ?> newest = (Map<?, ?>) runs.get(0);
        assertThat(newest.get("run_id")).isEqualTo(interrupted);
        assertThat(newest.get("status")).isEqualTo("interrupted");
        assertThat((String) newest.get("error")).startsWith("interrupted: the application stopped during this run");
        Map<?, ?> older = (Map<?, ?>) restarted.find(finished);
        assertThat(older.get("status")).isEqualTo("failed");
        assertThat(older.get("error")).isEqualTo("EIA said no");
        assertThat(older.get("trigger")).isEqualTo("schedule");
        assertThat(older.get("started_at").toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // A new run of the restarted process is listed first, and no run is active after a restart.
        String next = restarted.open("api");
        assertThat(((RunRecord) restarted.recent(3).get(0)).getRunId()).isEqualTo(next);
        assertThat(restarted.recent(3)).hasSize(3);
    }
}
