package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import io.github.eiaoutages.storage.StorageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live snapshot's folder, or one table file of it, removed by hand while the application runs (a user clearing
 * {@code modeled/}): the next run does not fail on the missing previous model; it builds a new one from the raw store
 * and serves it. (The second case was found by a breaker after the first was fixed.)
 */
class RemovedSnapshotTest extends LiveAppTest {

    @ParameterizedTest(name = "{0} removed")
    @ValueSource(strings = {"the folder", "fact_outage.parquet"})
    void a_snapshot_removed_under_the_running_application_is_rebuilt_by_the_next_run(String removed) throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(9, LocalDate.of(2025, 1, 1)));
        String first = (String) runOfExpecting(GENERATOR, "succeeded").get("snapshot");
        assertThat(http.getForEntity("/data", Map.class).getBody()).containsEntry("snapshot", first);

        Path snapshot = modeledDir().resolve("snapshots").resolve(first);
        if (removed.equals("the folder")) {
            StorageFiles.deleteTree(snapshot);
        } else {
            Files.delete(snapshot.resolve(removed));
        }

        // Nothing new from EIA: the run rebuilds the model because the live one can no longer be read.
        Map<String, Object> next = runOfExpecting(GENERATOR, "succeeded");
        assertThat(next.get("snapshot")).isNotNull().isNotEqualTo(first);
        Map<?, ?> served = http.getForEntity("/data", Map.class).getBody();
        assertThat(served.get("snapshot")).isEqualTo(next.get("snapshot"));
        assertThat(served.get("total")).isEqualTo(3);
    }
}
