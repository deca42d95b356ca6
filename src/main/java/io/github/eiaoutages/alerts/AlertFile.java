package io.github.eiaoutages.alerts;

import io.github.eiaoutages.config.PipelineProperties;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.stereotype.Component;

/**
 * The file sink ({@code pipeline.alerts.file.path}): appends each event as one line of JSON (JSON Lines) and forces
 * it to disk before the delivery counts, so an acknowledged event survives a power cut.
 */
@Component("alertFile")
public class AlertFile {

    private final Path file;

    public AlertFile(PipelineProperties properties) {
        String path = properties.alerts().file().path();
        this.file = path.isBlank() ? null : Path.of(path);
        if (file != null) {
            check(file);
        }
    }

    /** At startup: a path that cannot take lines stops the application, instead of every event waiting on it. */
    private static void check(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.isDirectory(file) || (Files.exists(file) && !Files.isWritable(file))) {
                throw new IOException(Files.isDirectory(file) ? "it is a folder" : "it is not writable");
            }
        } catch (IOException e) {
            throw new io.github.eiaoutages.config.InvalidConfigurationException(
                    "pipeline.alerts.file.path",
                    "(" + file + ") cannot take the alert file: " + describe(e)
                            + "; give a file in a writable folder (ALERTS_FILE_PATH), or leave it empty");
        }
    }

    /** What went wrong, with the exception's kind: "NoSuchFileException: /x" alone would only repeat the path. */
    static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Appends {@code event} (a CloudEvent's JSON bytes, no line break) and a line break. */
    public synchronized void append(byte[] event) throws IOException {
        if (file == null) {
            throw new IllegalStateException("pipeline.alerts.file.path is empty: the file sink is off");
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.allocate(event.length + 1)
                    .put(event)
                    .put((byte) '\n')
                    .flip();
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(false);
        }
    }
}
