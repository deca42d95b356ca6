package io.github.eiaoutages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pipeline.mode=ingest-once|model-once} of the packaged jar, as cron or a CronJob calls it: what
 * {@link OneShotModesIT} and {@link OneShotFailuresIT} share (two classes, so that they run at the same time).
 */
abstract class OneShotProcess {

    @TempDir
    Path work;

    record Outcome(int exitCode, String stdout, String stderr) {}

    Outcome run(String... args) throws Exception {
        return runWithEnvironment(java.util.Map.of(), args);
    }

    Outcome runWithEnvironment(java.util.Map<String, String> environment, String... args) throws Exception {
        List<String> command = PackagedJar.java("512m");
        // The bundled sample from 2026 on, not since 2007: these tests are about exit codes and output, not volume.
        for (String dataset : List.of("generator-nuclear-outages", "facility-nuclear-outages", "us-nuclear-outages")) {
            command.add("--pipeline.datasets." + dataset + ".start=2026-01-01");
        }
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
