package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import io.github.eiaoutages.storage.StorageFiles;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live snapshot's folder removed by hand while the application runs (a user clearing {@code modeled/}): the
 * next run does not fail on the missing previous model; it builds a new one from the raw store and serves it.
 */
class RemovedSnapshotTest extends LiveAppTest {

    @Test
    void a_snapshot_removed_under_the_running_application_is_rebuilt_by_the_next_run() {
        EIA.serveGenerator(EiaStub.generatorRows(9, LocalDate.of(2025, 1, 1)));
        String first = (String) runOfExpecting(GENERATOR, "succeeded").get("snapshot");
        assertThat(http.getForEntity("/data", Map.class).getBody()).containsEntry("snapshot", first);

        StorageFiles.deleteTree(modeledDir().resolve("snapshots").resolve(first));

        Map<String, Object> next = runOfExpecting(GENERATOR, "succeeded");
        assertThat(next.get("snapshot")).isNotNull().isNotEqualTo(first);
        Map<?, ?> served = http.getForEntity("/data", Map.class).getBody();
        assertThat(served.get("snapshot")).isEqualTo(next.get("snapshot"));
        assertThat(served.get("total")).isEqualTo(3);
    }
}
