package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * One-shot runs that cannot work exit 1 and say why on stderr: no raw rows to model, EIA unreachable (never the
 * key), the data folder in use by another process (touching nothing).
 */
class OneShotFailuresIT extends OneShotProcess {

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
}
