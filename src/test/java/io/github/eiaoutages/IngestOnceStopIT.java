package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ingest-once} stopped by SIGTERM: exit status 143, one line on stderr saying why, no stack trace. */
class IngestOnceStopIT extends JarProcess {

    @Test
    void ingest_once_stopped_by_sigterm_exits_143_saying_interrupted() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(3 * 200, LocalDate.of(2025, 1, 1)));
        EIA.delay(500);
        EIA.server().resetRequests();
        Path stderr = work.resolve("ingest-once.err");
        app = new ProcessBuilder(command(List.of(
                        "--pipeline.mode=ingest-once",
                        "--pipeline.eia.api-key=lifecycle-key",
                        "--pipeline.shutdown.grace-period=2s")))
                .redirectError(stderr.toFile())
                .redirectOutput(work.resolve("ingest-once.out").toFile())
                .start();
        // Its start and first requests (of the first dataset: about 40 at 500 ms each are left, far more than the
        // grace period): seconds on a quiet machine, over a minute on one running other builds.
        await().atMost(PackagedJar.STARTUP).until(() -> {
            PackagedJar.assertAlive(app, work.resolve("ingest-once.out"), stderr);
            return EIA.requests() >= 2;
        });

        app.destroy();

        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isEqualTo(143);
        String said = Files.readString(stderr);
        assertThat(said).contains("(ingest-once) interrupted: the application was asked to stop");
        // A stop is no crash: no "Application run failed", no stack trace of the interrupted thread.
        assertThat(said).doesNotContain("Application run failed").doesNotContain("Exception");
        app = null;
    }
}
