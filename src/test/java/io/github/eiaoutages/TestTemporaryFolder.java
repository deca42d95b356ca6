package io.github.eiaoutages;

import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The temporary folder of a test JVM of the build ({@code target/test-tmp/fork-<n>}, set by the pom's
 * {@code -Djava.io.tmpdir}), made empty when the JVM's tests begin and removed when they end. What the tests leave
 * behind stays out of the machine's {@code /tmp}: each process the tests kill leaves DuckDB's 57 MB native library
 * there, each embedded Tomcat its folder. The jars the tests start get the same folder ({@link PackagedJar}). Only
 * such a folder of this project's {@code target/} is ever emptied: a JVM started otherwise (an IDE, a
 * {@code -Djava.io.tmpdir} on Maven's command line, which wins over the pom's) keeps its temporary folder as it is.
 */
public class TestTemporaryFolder implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path folder = ours();
        if (folder != null) {
            StorageFiles.deleteTree(folder);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not make the tests' temporary folder " + folder, e);
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path folder = ours();
        if (folder != null) {
            TestFolders.removeQuietly(folder);
        }
    }

    /**
     * The JVM's temporary folder when the pom set it, {@code <project>/target/test-tmp/fork-<n>} (a test JVM runs in
     * the project's folder), else null.
     */
    private static Path ours() {
        Path folder =
                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path builds = Path.of("target", "test-tmp").toAbsolutePath().normalize();
        return builds.equals(folder.getParent())
                        && folder.getFileName().toString().matches("fork-[0-9]+")
                ? folder
                : null;
    }
}
