package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** A run whose model build fails is recorded as failed with the reason; the previous model stays served. */
class FailedModelBuildTest extends LiveAppTest {

    @Test
    void a_failed_build_fails_the_run_keeps_its_raw_rows_and_leaves_the_previous_model_live() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(8, LocalDate.of(2025, 1, 1)));
        runExpecting("succeeded");
        Object liveSnapshot =
                http.getForEntity("/data?limit=1", Map.class).getBody().get("snapshot");
        // A committed run folder whose part is not Parquet: the model is behind it, and reading it fails. Its periods
        // (1990) lie outside every window of the run, so the run's key load does not read it and the run commits.
        Path broken = dataDir().resolve("raw/" + GENERATOR + "/run=29991231T000000000Z");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("part-00001.parquet"), "not parquet");
        Files.writeString(
                broken.resolve("_manifest.json"),
                "{\"parts\":[{\"file\":\"part-00001.parquet\",\"rows\":1,"
                        + "\"bytes\":11,\"sha256\":\"\",\"period_min\":\"1990-01-01\",\"period_max\":\"1990-01-01\"}]}");

        ResponseEntity<Map> failed = http.postForEntity("/refresh?wait=true", null, Map.class);

        assertThat(failed.getStatusCode().value()).isEqualTo(502);
        assertThat(failed.getBody()).containsEntry("status", "failed").containsEntry("raw_committed", true);
        assertThat((String) failed.getBody().get("error")).contains("previous snapshot stays live");
        // The 502 body is marshalled by the route, not the REST binding: moments as every other answer writes them.
        assertThat((String) failed.getBody().get("finished_at"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        ResponseEntity<Map> data = http.getForEntity("/data?limit=1", Map.class);
        assertThat(data.getStatusCode().value()).isEqualTo(200);
        assertThat(data.getBody().get("snapshot")).isEqualTo(liveSnapshot);
    }
}
