package io.github.eiaoutages.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

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

    private final ObjectMapper json;
    /** Every Parquet file begins and ends with these 4 bytes; a file cut short has no footer to read. */
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final Path modeledDir;
    private final int keep;
    /** Per snapshot id, what makes it unreadable ("" = readable as far as is known). */
    private final Map<String, String> readability = new ConcurrentHashMap<>();

    /** Clustered mode: the current id lives in PostgreSQL; null = the {@code current} symlink decides. */
    private final SnapshotPointer pointer;

    public SnapshotPublisher(PipelineProperties properties, ObjectMapper json) {
        this(properties, json, Optional.empty());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public SnapshotPublisher(PipelineProperties properties, ObjectMapper json, Optional<SnapshotPointer> pointer) {
        this.pointer = pointer.orElse(null);
        this.json = json;
        this.modeledDir = properties.storage().modeledDir();
        this.keep = properties.model().keepSnapshots();
    }

    /** A fresh folder to build a snapshot in; invisible to readers until {@link #publish}. */
    Path workDir(String snapshotId) {
        Path dir = modeledDir.resolve(SNAPSHOTS).resolve("." + snapshotId + ".building");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create " + dir + "; check that " + modeledDir + " is writable", e);
        }
        return dir;
    }

    void writeQuality(Path workDir, List<QualityCheck> checks) {
        try {
            json.writerWithDefaultPrettyPrinter()
                    .writeValue(workDir.resolve(QUALITY).toFile(), checks);
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
            return List.of(json.readValue(file.toFile(), QualityCheck[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    void discard(Path workDir) {
        StorageFiles.deleteTree(workDir);
    }

    Snapshot publish(String snapshotId, Path workDir, String builtFrom) {
        Path target = modeledDir.resolve(SNAPSHOTS).resolve(snapshotId);
        try {
            Files.writeString(workDir.resolve(BUILT_FROM), builtFrom + "\n");
            Files.move(workDir, target, StandardCopyOption.ATOMIC_MOVE);
            Path link = modeledDir.resolve("." + CURRENT + ".tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(SNAPSHOTS, snapshotId));
            Files.move(
                    link,
                    modeledDir.resolve(CURRENT),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not publish model snapshot " + snapshotId + " under " + modeledDir, e);
        }
        if (pointer != null) {
            // The symlink stays for tools that read the folder; instances go by this id.
            pointer.published(snapshotId);
        }
        prune(snapshotId);
        return new Snapshot(snapshotId, target);
    }

    /**
     * The current snapshot: the one {@code modeled/current} points to, resolved once, or in clustered mode the one
     * PostgreSQL names.
     */
    public Optional<Snapshot> current() {
        if (pointer != null) {
            return pointer.currentId()
                    .map(id -> new Snapshot(id, modeledDir.resolve(SNAPSHOTS).resolve(id)));
        }
        return linked();
    }

    /** The snapshot the {@code modeled/current} symlink points to, resolved once. */
    public Optional<Snapshot> linked() {
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

    /**
     * Why the snapshot cannot be read, if it cannot: a table missing or not a whole Parquet file (looked at once
     * per snapshot), or what a reader reported with {@link #markUnreadable}. A corrupt snapshot must not stop the
     * server: the API answers 503 saying so, health shows it, and the next run rebuilds the model.
     */
    public Optional<String> unreadable(Snapshot snapshot) {
        // A snapshot found whole is looked at again when one of its tables is gone since (removed by hand while
        // the application runs, the folder or a file of it): the next build then starts over instead of failing on
        // the missing previous model, and health says so meanwhile. A look for the files costs a few stats.
        String reason = readability.compute(
                snapshot.id(),
                (id, known) -> known == null || (known.isEmpty() && !whole(snapshot)) ? damage(snapshot) : known);
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    /** A reader (the API's loader, the national series) could not read the snapshot; {@code reason} says why. */
    public void markUnreadable(Snapshot snapshot, String reason) {
        readability.put(snapshot.id(), reason == null || reason.isBlank() ? "it could not be read" : reason);
    }

    /** True when every table file of the snapshot is (still) there. */
    private static boolean whole(Snapshot snapshot) {
        return tables(snapshot).stream().allMatch(Files::isRegularFile);
    }

    /** The table files a snapshot has: the star schema's, and the national series when it was written. */
    private static List<Path> tables(Snapshot snapshot) {
        List<Path> files = new ArrayList<>();
        OutageModelBuilder.TABLES.forEach(table -> files.add(snapshot.table(table)));
        if (Files.exists(snapshot.table(OutageModelBuilder.NATIONAL))) {
            files.add(snapshot.table(OutageModelBuilder.NATIONAL));
        }
        return files;
    }

    /** Missing tables, or Parquet files without their header or footer (truncated, overwritten); "" when none. */
    private static String damage(Snapshot snapshot) {
        for (Path file : tables(snapshot)) {
            if (!Files.isRegularFile(file)) {
                return file + " is missing";
            }
            try (FileChannel channel = FileChannel.open(file)) {
                long size = channel.size();
                ByteBuffer head = ByteBuffer.allocate(PARQUET_MAGIC.length);
                ByteBuffer tail = ByteBuffer.allocate(PARQUET_MAGIC.length);
                if (size < 2L * PARQUET_MAGIC.length + 4
                        || channel.read(head, 0) < PARQUET_MAGIC.length
                        || channel.read(tail, size - PARQUET_MAGIC.length) < PARQUET_MAGIC.length
                        || !Arrays.equals(head.array(), PARQUET_MAGIC)
                        || !Arrays.equals(tail.array(), PARQUET_MAGIC)) {
                    return file + " is not a whole Parquet file (" + size + " bytes, truncated or overwritten)";
                }
            } catch (IOException e) {
                return file + " cannot be read: " + e.getMessage();
            }
        }
        return "";
    }

    /** The published snapshots on disk, newest first (the current one among them). */
    List<Snapshot> published() {
        Path snapshots = modeledDir.resolve(SNAPSHOTS);
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(snapshots)) {
            return dirs.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .map(p -> new Snapshot(p.getFileName().toString(), p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + snapshots, e);
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
        List<Snapshot> published = published();
        for (int i = keep; i < published.size(); i++) {
            if (!published.get(i).id().equals(keepAlways)) {
                StorageFiles.deleteTree(published.get(i).dir());
            }
        }
        readability.keySet().retainAll(published().stream().map(Snapshot::id).toList());
    }
}
