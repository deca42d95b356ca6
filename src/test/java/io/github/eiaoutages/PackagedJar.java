package io.github.eiaoutages;

import static org.awaitility.Awaitility.await;

import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.web.client.RestClient;

/**
 * The packaged jar ({@code target/eia-outage-pipeline.jar}, built before the tests) run as a process, the way users
 * run it: what the {@code *IT} classes and the benchmarks share to start it and to wait for it.
 */
public final class PackagedJar {

    /**
     * How long a start may take before a test gives up: seconds on a quiet machine, more than a minute on one running
     * other builds beside the suite (seen: 2 suites at once, load 36).
     */
    public static final Duration STARTUP = Duration.ofSeconds(180);

    /** The jar the build makes (Maven's {@code process-classes} phase, before any test). */
    public static final Path JAR = Path.of("target", "eia-outage-pipeline.jar");

    private PackagedJar() {}

    /**
     * The jar extracted by Spring Boot ({@code -Djarmode=tools extract}) with a CDS archive of the classes a start
     * loads: the README's fast command ("A cron run in seconds"). Made once per build, by whichever test JVM needs it
     * first; the others wait for it (a file lock).
     */
    static final Path CDS = Path.of("target", "cds-tests").toAbsolutePath();

    private static List<String> cdsFlags;

    /** A JVM crash's report goes to {@code target/}, not to the project's folder, where the jars run. */
    private static final String CRASH_REPORT =
            "-XX:ErrorFile=" + Path.of("target").toAbsolutePath() + "/hs_err_pid%p.log";

    /**
     * {@code java -Xmx<maxHeap> <flags> -jar <extracted jar>}: the start of a command line, the README's CDS command.
     * A start costs the machine about half the CPU of {@code java -jar} (4.7 instead of 8.9 CPU-s to readiness), and
     * the suite starts the jar some twenty times. The flags are those of the test JVMs (C1 only, the serial collector;
     * see the pom): a process that lives a minute compiles and collects less. {@link #fatJar} is the plain
     * {@code java -jar}.
     */
    public static List<String> java(String maxHeap) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap, temporaryFolder(), CRASH_REPORT));
        command.addAll(cds());
        command.addAll(List.of("-jar", CDS.resolve(JAR.getFileName()).toString()));
        return command;
    }

    /** {@code java -Xmx<maxHeap> <flags> -jar target/eia-outage-pipeline.jar}: the jar as the README's run command has it. */
    public static List<String> fatJar(String maxHeap) {
        return new ArrayList<>(List.of(
                "java",
                "-Xmx" + maxHeap,
                temporaryFolder(),
                CRASH_REPORT,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toAbsolutePath().toString()));
    }

    /**
     * The test JVM's own temporary folder for the jar too ({@link TestTemporaryFolder}): a process a test kills leaves
     * DuckDB's native library (57 MB) in it.
     */
    private static String temporaryFolder() {
        return "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir");
    }

    /**
     * The JVM flags that use the CDS archive, after making it if this build has none yet: extract the jar, then one
     * training run that starts the server and exits once its context is refreshed. The archive belongs to the jar it
     * was made from ({@code ready} holds that jar's size and time); a new jar gets a new one, and so does a folder
     * whose files changed since (a cut-short archive crashes every start with SIGBUS).
     */
    private static synchronized List<String> cds() {
        if (cdsFlags != null) {
            return cdsFlags;
        }
        Path archive = CDS.resolve("app.jsa");
        // The flags of the training run and of every run must match, or the JVM ignores the archive.
        List<String> flags = List.of(
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // The JVM's harmless warnings about classes the archive leaves out stay off the process's output.
                "-Xlog:cds=off,cds+dynamic=off");
        Path lockFile = CDS.resolveSibling("cds-tests.lock");
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            Path ready = CDS.resolve("ready");
            String jar = Files.size(JAR) + " " + Files.getLastModifiedTime(JAR);
            if (!Files.exists(ready) || !Files.readString(ready).equals(jar + "\n" + made(archive))) {
                StorageFiles.deleteTree(CDS);
                Files.createDirectories(CDS);
                exec(
                        List.of(
                                "java",
                                "-Djarmode=tools",
                                "-jar",
                                JAR.toAbsolutePath().toString(),
                                "extract",
                                "--destination",
                                CDS.toString()),
                        "extract");
                Path training = TestFolders.create("eia-cds-training-");
                List<String> train = new ArrayList<>(List.of("java", "-Xmx512m", temporaryFolder()));
                train.addAll(flags);
                train.addAll(List.of(
                        "-XX:ArchiveClassesAtExit=" + archive,
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        CDS.resolve(JAR.getFileName()).toString(),
                        "--server.port=0",
                        "--pipeline.eia.api-key=cds-training",
                        "--pipeline.eia.base-url=http://127.0.0.1:9/v2",
                        "--pipeline.run-on-startup=false",
                        "--pipeline.schedule.enabled=false",
                        "--pipeline.storage.data-dir=" + training.resolve("data"),
                        "--pipeline.storage.modeled-dir=" + training.resolve("modeled")));
                exec(train, "training");
                TestFolders.removeQuietly(training);
                Files.writeString(ready, jar + "\n" + made(archive));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the CDS archive in " + CDS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the CDS archive in " + CDS, e);
        }
        List<String> all = new ArrayList<>(flags);
        all.add("-XX:SharedArchiveFile=" + archive);
        cdsFlags = List.copyOf(all);
        return cdsFlags;
    }

    /** What was made, to notice a damaged folder: the archive's size, the extracted jar's, how many libraries. */
    private static String made(Path archive) throws IOException {
        Path extracted = CDS.resolve(JAR.getFileName());
        Path lib = CDS.resolve("lib");
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(extracted) || !Files.isDirectory(lib)) {
            return "incomplete";
        }
        try (Stream<Path> libraries = Files.list(lib)) {
            return Files.size(archive) + " " + Files.size(extracted) + " " + libraries.count();
        }
    }

    /** Runs {@code command} to its end, its output in {@code target/cds-tests-<name>.log}; fails saying where. */
    private static void exec(List<String> command, String name) throws IOException, InterruptedException {
        Path log = CDS.resolveSibling("cds-tests-" + name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The CDS " + name + " run took over " + STARTUP + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "The CDS " + name + " run exited with " + process.exitValue() + "; see " + log);
        }
    }

    /**
     * The port the jar started with {@code --server.port=0} listens on, from its {@code log} ("Tomcat started on port
     * …"); waits for that line. The jar picks a free port itself: a port picked by the test and then handed to the jar
     * could be taken in between by another process (seen with two builds on one machine). Fails at once, with the
     * log, if the process ends first.
     */
    public static int awaitPort(Process process, Path log) {
        Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
        return await().atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            assertAlive(process, log);
                            Matcher line = started.matcher(Files.exists(log) ? Files.readString(log) : "");
                            return line.find() ? Integer.parseInt(line.group(1)) : 0;
                        },
                        port -> port > 0);
    }

    /**
     * Waits until {@code process}, the application at {@code base} (e.g. {@code http://127.0.0.1:8080}), is ready:
     * its readiness probe answers 200. Not liveness: a live application that is not ready yet answers the API with
     * 503. Fails at once if the process ends first, with the end of its {@code log}.
     */
    public static void awaitReady(Process process, Path log, String base, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertAlive(process, log);
            try {
                return RestClient.create(base)
                        .get()
                        .uri("/actuator/health/readiness")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .is2xxSuccessful();
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /**
     * Fails, with the last 40 lines of each of its {@code logs} (output, errors), if {@code process} has ended: for
     * waits on a started jar, which would otherwise wait minutes for a process that crashed at once (a test's folder
     * and the logs in it are gone after the test, so the message carries them; a JVM crash also leaves
     * {@code target/hs_err_pid<pid>.log}).
     */
    public static void assertAlive(Process process, Path... logs) {
        if (process.isAlive()) {
            return;
        }
        StringBuilder message =
                new StringBuilder("The jar exited with " + process.exitValue() + " before the test was done with it.");
        for (Path log : logs) {
            message.append("\nThe end of ").append(log.getFileName()).append(":\n");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(none written)");
                message.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            } catch (IOException | UncheckedIOException e) {
                message.append("(could not be read: ").append(e).append(')');
            }
        }
        throw new IllegalStateException(message.toString());
    }
}
