package io.github.eiaoutages.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pipeline.mode=ingest-once|model-once} of the packaged jar, as cron or a CronJob calls it: the exit
 * code says whether it worked, stdout carries one summary line, stderr the logs and the reason of a failure.
 */
class OneShotModesIT {

    private static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");

    @TempDir
    Path work;

    record Outcome(int exitCode, String stdout, String stderr) {}

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

    @Test
    void model_once_without_raw_rows_exits_1_saying_what_to_do() throws Exception {
        Outcome model = run("--pipeline.mode=model-once");

        assertThat(model.exitCode()).isEqualTo(1);
        assertThat(model.stdout()).isBlank();
        assertThat(model.stderr())
                .contains("failed: There are no committed raw rows of generator-nuclear-outages to model "
                        + "yet; run an ingest first");
    }

    @Test
    void ingest_once_against_an_unreachable_eia_exits_1_with_the_reason_and_never_the_key() throws Exception {
        Outcome ingest = run(
                "--pipeline.mode=ingest-once",
                "--pipeline.eia.api-key=one-shot-secret-key",
                "--pipeline.eia.base-url=http://127.0.0.1:9/v2",
                "--pipeline.eia.retry.attempts=0");

        assertThat(ingest.exitCode()).isEqualTo(1);
        assertThat(ingest.stderr())
                .containsPattern("Run \\S+ \\(ingest-once\\) failed: .*(Connect|refused)")
                .doesNotContain("one-shot-secret-key");
        assertThat(work.resolve("modeled/current")).doesNotExist();
    }

    @Test
    void a_second_process_on_the_same_data_folder_is_refused_and_touches_nothing() throws Exception {
        Files.createDirectories(work.resolve("data"));
        // Held the way a running instance holds it: an OS lock on data/.lock.
        try (FileChannel channel = FileChannel.open(
                        work.resolve("data/.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            Outcome ingest = run("--pipeline.mode=ingest-once");

            assertThat(ingest.exitCode()).isEqualTo(1);
            assertThat(ingest.stderr()).contains("is in use by another running instance of this application");
            assertThat(work.resolve("data/raw")).doesNotExist();
        }
    }

    private Outcome run(String... args) throws Exception {
        return runWithEnvironment(java.util.Map.of(), args);
    }

    private Outcome runWithEnvironment(java.util.Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        command.add("--pipeline.storage.data-dir=" + work.resolve("data"));
        command.add("--pipeline.storage.modeled-dir=" + work.resolve("modeled"));
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 3 minutes: " + command);
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
