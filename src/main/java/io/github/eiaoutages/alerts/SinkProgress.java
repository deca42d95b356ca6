package io.github.eiaoutages.alerts;

import io.github.eiaoutages.config.PipelineProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How far each sink has got: the id of the last event it acknowledged, in
 * {@code modeled/events/_sinks/<sink>.txt}, rewritten atomically after each delivery. A restart resumes after it,
 * so only an event in flight at a crash is delivered again (with the same id).
 */
@Component
public class SinkProgress {

    private final Path dir;
    /** Clustered mode: progress lives in PostgreSQL; null = the files above. */
    private final SharedSinkProgress shared;

    public SinkProgress(PipelineProperties properties) {
        this(properties, java.util.Optional.empty());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public SinkProgress(PipelineProperties properties, java.util.Optional<SharedSinkProgress> shared) {
        this.dir = properties.storage().modeledDir().resolve("events").resolve("_sinks");
        this.shared = shared.orElse(null);
    }

    /**
     * Where sink progress lives in clustered mode (PostgreSQL), and whose turn it is to deliver: one instance of the
     * cluster delivers, the others stand by and take over within seconds of its end.
     */
    public interface SharedSinkProgress {

        Optional<String> delivered(String sink);

        void delivered(String sink, String eventId);

        /** True while this instance is the one that delivers (it holds the cluster's delivery lock). */
        boolean myTurn();
    }

    /** True when this instance delivers: always with one instance, in clustered mode only the lock holder. */
    public boolean myTurn() {
        return shared == null || shared.myTurn();
    }

    /** The last event the sink acknowledged; empty for a sink never run before. */
    public Optional<String> delivered(String sink) {
        if (shared != null) {
            return shared.delivered(sink);
        }
        Path file = dir.resolve(sink + ".txt");
        try {
            return Files.exists(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the progress of alert sink " + sink + " in " + file, e);
        }
    }

    /** Records that the sink acknowledged event {@code eventId}. */
    public void delivered(String sink, String eventId) {
        if (shared != null) {
            shared.delivered(sink, eventId);
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + sink + ".tmp");
            Files.writeString(tmp, eventId + "\n", StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    dir.resolve(sink + ".txt"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the progress of alert sink " + sink + " in " + dir, e);
        }
    }
}
