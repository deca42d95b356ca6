package io.github.eiaoutages.model;

import io.github.eiaoutages.config.PipelineProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Publishes model snapshots: a build writes {@code modeled/snapshots/<id>/}, then {@code modeled/current} is
 * re-pointed to it in one atomic rename of a symlink. A reader resolves {@code current} once and keeps reading
 * that folder, so it never sees half of one build and half of the next.
 */
@Component
public class SnapshotPublisher {

    private static final String CURRENT = "current";
    private static final String SNAPSHOTS = "snapshots";
    /** The newest raw run folder (run=<id>) a snapshot was built from: tells whether the model is behind. */
    private static final String BUILT_FROM = "_built_from";
    /** The quality checks of the snapshot, as JSON: what /runs reports, kept with the data it describes. */
    private static final String QUALITY = "_quality.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modeledDir;
    private final int keep;

    public SnapshotPublisher(PipelineProperties properties) {
        this.modeledDir = properties.storage().modeledDir();
        this.keep = properties.model().keepSnapshots();
    }

    /** A fresh folder to build a snapshot in; invisible to readers until {@link #publish}. */
    Path workDir(String snapshotId) {
        Path dir = modeledDir.resolve(SNAPSHOTS).resolve("." + snapshotId + ".building");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir + "; check that " + modeledDir + " is writable", e);
        }
        return dir;
    }

    void writeQuality(Path workDir, List<QualityCheck> checks) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(workDir.resolve(QUALITY).toFile(), checks);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + workDir.resolve(QUALITY), e);
        }
    }

    /** The quality checks stored with a snapshot; empty for snapshots built before checks existed. */
    public List<QualityCheck> quality(Snapshot snapshot) {
        Path file = snapshot.dir().resolve(QUALITY);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(file.toFile(), QualityCheck[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    void discard(Path workDir) {
        deleteTree(workDir);
    }

    Snapshot publish(String snapshotId, Path workDir, String builtFrom) {
        Path target = modeledDir.resolve(SNAPSHOTS).resolve(snapshotId);
        try {
            Files.writeString(workDir.resolve(BUILT_FROM), builtFrom + "\n");
            Files.move(workDir, target, StandardCopyOption.ATOMIC_MOVE);
            Path link = modeledDir.resolve("." + CURRENT + ".tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(SNAPSHOTS, snapshotId));
            Files.move(link, modeledDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not publish model snapshot " + snapshotId + " under " + modeledDir, e);
        }
        prune(snapshotId);
        return new Snapshot(snapshotId, target);
    }

    /** The snapshot {@code modeled/current} points to, resolved once. */
    public Optional<Snapshot> current() {
        Path link = modeledDir.resolve(CURRENT);
        try {
            Path target = Files.readSymbolicLink(link);
            Path dir = link.resolveSibling(target).normalize();
            return Optional.of(new Snapshot(dir.getFileName().toString(), dir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + link, e);
        }
    }

    /** The raw run folder the snapshot was built from, or "" when unknown. */
    String builtFrom(Snapshot snapshot) {
        try {
            return Files.readString(snapshot.dir().resolve(BUILT_FROM)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private void prune(String keepAlways) {
        Path snapshots = modeledDir.resolve(SNAPSHOTS);
        try (Stream<Path> dirs = Files.list(snapshots)) {
            List<Path> published = dirs.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
            for (int i = keep; i < published.size(); i++) {
                if (!published.get(i).getFileName().toString().equals(keepAlways)) {
                    deleteTree(published.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + dir, e);
        }
    }
}
