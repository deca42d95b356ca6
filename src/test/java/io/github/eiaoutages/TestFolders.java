package io.github.eiaoutages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders that live as long as the test JVM, for applications shared by many tests. */
public final class TestFolders {

    private TestFolders() {}

    /** A new empty folder under the system's temporary folder, named {@code prefix} and a random part. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder " + prefix + "…", e);
        }
    }
}
