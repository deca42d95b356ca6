package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --pipeline.mode=ingest-once|model-once} of the packaged jar, as cron or a CronJob calls it: the exit
 * code says whether it worked, stdout carries one summary line, stderr the logs (JSON on request, no secret).
 */
class OneShotModesIT extends OneShotProcess {

    @Test
    void ingest_once_then_model_once_publish_snapshots_and_exit_0() throws Exception {
        Outcome ingest = run("--pipeline.mode=ingest-once");

        assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
        assertThat(ingest.stdout().strip())
                .matches("Run \\S+ \\(ingest-once\\) succeeded in \\d+ ms: \\d+ rows stored, " + "model snapshot \\S+");
        Path current = work.resolve("modeled/current");
        assertThat(current.resolve("fact_outage.parquet")).exists();
        Path firstSnapshot = current.toRealPath();

        Outcome model = run("--pipeline.mode=model-once");

        assertThat(model.exitCode()).as(model.stderr()).isZero();
        assertThat(model.stdout().strip())
                .matches("Run \\S+ \\(model-once\\) succeeded in \\d+ ms: 0 rows stored, model snapshot \\S+");
        assertThat(current.toRealPath()).isNotEqualTo(firstSnapshot);
        assertThat(current.resolve("dim_plant.parquet")).exists();
    }

    /** LOG_FORMAT=json: every log line is a JSON object, lines of the run carry run_id, no secret appears. */
    @Test
    void json_logs_carry_the_run_id_and_no_secret() throws Exception {
        Outcome ingest = runWithEnvironment(
                java.util.Map.of("LOG_FORMAT", "json", "API_TOKEN", "json-log-secret-token"),
                "--pipeline.mode=ingest-once");

        assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
        String runId = ingest.stdout().strip().split(" ")[1];
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : ingest.stderr().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines)
                .hasSizeGreaterThan(20)
                .allSatisfy(l -> assertThat(l.has("@timestamp")).isTrue());
        List<com.fasterxml.jackson.databind.JsonNode> ofRun = lines.stream()
                .filter(l -> runId.equals(l.path("run_id").asText()))
                .toList();
        assertThat(ofRun)
                .extracting(l -> l.path("message").asText())
                .anyMatch(m -> m.contains("backfilling"))
                .anyMatch(m -> m.startsWith("Model snapshot"))
                .anyMatch(m -> m.startsWith("Run " + runId + " succeeded"));
        assertThat(ofRun)
                .filteredOn(l -> l.path("message").asText().contains("backfilling"))
                .allSatisfy(l -> assertThat(l.path("dataset").asText()).isNotBlank());
        assertThat(ingest.stderr()).doesNotContain("json-log-secret-token");
    }
}
