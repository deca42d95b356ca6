package io.github.eiaoutages.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * File-system steps the raw store ({@code raw/}) and the model snapshots ({@code model/}) share: removing a
 * folder, listing its Parquet files, and the time-stamped ids their folders are named by ({@code run=<id>},
 * {@code snapshots/<id>}). One definition each, so the two stores cannot drift apart.
 */
public final class StorageFiles {

    /** Run and snapshot ids: UTC time to the millisecond, e.g. {@code 20261130T020639062Z}; they sort as text. */
    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private StorageFiles() {}

    /** The id of something created at {@code at}, e.g. {@code 20261130T020639062Z}. */
    public static String id(Instant at) {
        return ID.format(at);
    }

    /** Removes a folder and everything in it; nothing happens when it is not there. */
    public static void deleteTree(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + dir, e);
        }
    }

    /** The Parquet files ({@code *.parquet}) directly in a folder, by name. */
    public static List<Path> parquetFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
    }
}
