package io.github.eiaoutages;

import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders that live as long as the test JVM, for applications shared by many tests. */
public final class TestFolders {

    private TestFolders() {}

    /**
     * A new empty folder under the system's temporary folder, named {@code prefix} and a random part, removed when
     * the JVM exits (a test JVM that is killed leaves it; the system's temporary folder is cleaned at boot).
     */
    public static Path create(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder " + prefix + "…", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(dir), "remove-" + dir.getFileName()));
        return dir;
    }

    /** Removes {@code dir} now; nothing happens when it is gone, and a failure is not the test's. */
    public static void removeQuietly(Path dir) {
        try {
            StorageFiles.deleteTree(dir);
        } catch (RuntimeException e) {
            // An application still writing while the JVM exits; the system's temporary folder is cleaned anyway.
        }
    }
}
