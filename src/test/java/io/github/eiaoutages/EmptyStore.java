package io.github.eiaoutages;

import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;

/**
 * What a test sharing one running application does before it starts, instead of restarting it: wait for a run the
 * previous test left to end, then empty the stores, so the next run is a first backfill as on a fresh start.
 *
 * <p>Removed: every dataset's raw folder ({@code data/raw/<dataset>}), the quarantine, and the whole model folder
 * (snapshots, {@code current}, the event history). Kept: the data lock and folder markers ({@code data/.lock},
 * {@code data/raw/_source}), which the process holds, and the run records, which are history (tests look their own
 * runs up by id). The application keeps nothing derived from the removed files that it does not check against them:
 * coverage is cached per list of committed runs, health reloads after each run, serving follows each published
 * snapshot. Cumulative meters (Prometheus counters) are not reset: a test of those starts its own application.
 */
public final class EmptyStore {

    /** Longer than any test's run may go on after the test ends (a waiting POST /refresh returns with its run). */
    private static final long IDLE_WAIT_MS = 30_000;

    private EmptyStore() {}

    /**
     * Empties {@code dataDir} and {@code modeledDir} of the idle application {@code app}.
     *
     * @throws IllegalStateException when a run is still going after {@value #IDLE_WAIT_MS} ms, naming it: the test
     *     before left it running, and removing its files under it would make the next test's failure a mystery
     */
    public static void empty(ApplicationContext app, Path dataDir, Path modeledDir) {
        RunRegistry runs = app.getBean(RunRegistry.class);
        try {
            if (!runs.awaitIdle(IDLE_WAIT_MS)) {
                RunRecord active = runs.active();
                throw new IllegalStateException("Run " + (active == null ? "?" : active.getRunId())
                        + " was still going " + IDLE_WAIT_MS + " ms after its test ended; a test that starts a run "
                        + "must wait for its end (POST /refresh?wait=true or awaiting GET /runs/{id})");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the previous test's run", e);
        }
        Path raw = dataDir.resolve("raw");
        for (Path dataset : children(raw)) {
            if (Files.isDirectory(dataset)) {
                StorageFiles.deleteTree(dataset);
            }
        }
        StorageFiles.deleteTree(dataDir.resolve("quarantine"));
        for (Path child : children(modeledDir)) {
            if (Files.isSymbolicLink(child)) {
                // modeled/current: removed as a link (deleteTree takes a link whose target is gone for no file).
                delete(child);
            } else {
                StorageFiles.deleteTree(child);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
