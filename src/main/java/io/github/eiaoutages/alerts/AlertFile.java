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
