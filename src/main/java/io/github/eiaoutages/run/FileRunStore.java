package io.github.eiaoutages.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.PipelineProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Run records on disk (single-instance mode) ({@code data/runs/<run id>.json}), so {@code GET /runs} still knows yesterday's runs after a
 * restart. A record is rewritten (atomically) when its run opens, commits and ends; a record still "running" at
 * startup belonged to a process that died, and is closed as interrupted with that reason.
 */
@Component
@ConditionalOnProperty(name = "pipeline.cluster.enabled", havingValue = "false", matchIfMissing = true)
public class FileRunStore implements RunStore {

    private static final Logger log = LoggerFactory.getLogger(FileRunStore.class);

    private final Path dir;
    private final ObjectMapper json;

    public FileRunStore(PipelineProperties properties, ObjectMapper json) {
        this.dir = properties.storage().dataDir().resolve("runs");
        this.json = json;
    }

    @Override
    public void save(RunRecord run) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + run.getRunId() + ".tmp");
            json.writeValue(tmp.toFile(), run);
            Files.move(
                    tmp,
                    dir.resolve(run.getRunId() + ".json"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The run itself goes on; only its history entry is missing.
            log.warn("Could not save the record of run {} under {}: {}", run.getRunId(), dir, e.getMessage());
        }
    }

    /** The newest {@code limit} records of earlier processes, newest first; interrupted ones closed as such. */
    @Override
    public List<RunReport> load(int limit) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .limit(limit)
                    .toList();
        } catch (IOException e) {
            log.warn("Could not list earlier runs under {}: {}", dir, e.getMessage());
            return List.of();
        }
        List<RunReport> runs = new ArrayList<>();
        for (Path file : files) {
            try {
                RunReport run = json.readValue(file.toFile(), RunReport.class);
                if (run.running()) {
                    run = run.interrupted(
                            Boolean.TRUE.equals(run.rawCommitted())
                                    ? "interrupted: the application stopped after this run committed its raw rows; the next run rebuilds the model"
                                    : "interrupted: the application stopped during this run; nothing of it was committed");
                    json.writeValue(file.toFile(), run);
                }
                runs.add(run);
            } catch (IOException e) {
                log.warn("Skipping unreadable run record {}: {}", file, e.getMessage());
            }
        }
        return runs;
    }
}
