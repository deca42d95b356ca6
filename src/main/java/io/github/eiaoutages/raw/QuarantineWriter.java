package io.github.eiaoutages.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.extract.EiaPage;
import io.github.eiaoutages.extract.RejectedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps rows that could not be typed in {@code data/quarantine/<dataset>/run=<id>/rejects.jsonl}, one JSON line
 * each with the reason and the row as EIA sent it (the row only: the envelope echoes the API key).
 */
@Component("quarantine")
public class QuarantineWriter {

    private final Path quarantineDir;
    private final ObjectMapper mapper;

    public QuarantineWriter(PipelineProperties properties, ObjectMapper mapper) {
        this.quarantineDir = properties.storage().quarantineDir();
        this.mapper = mapper;
    }

    /** Appends the page's rejects, if any, and hands the page on. */
    public EiaPage keepRejects(EiaPage page, String datasetId, String runId) {
        keep(page.rejects(), datasetId, runId);
        return page;
    }

    /** Appends rejected rows, each with its reason, to the run's quarantine file of the dataset. */
    void keep(List<RejectedRow> rejects, String datasetId, String runId) {
        if (rejects.isEmpty()) {
            return;
        }
        Path file = quarantineDir.resolve(datasetId).resolve("run=" + runId).resolve("rejects.jsonl");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (RejectedRow reject : rejects) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("reason", reject.reason());
                    line.put("row", reject.row());
                    out.write(mapper.writeValueAsString(line));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write rejected rows to " + file, e);
        }
    }
}
