package io.github.eiaoutages.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.raw.RawStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The periods of each dataset that EIA has no rows for: gaps a {@code fill-gaps} run fetched again and received
 * nothing for. Kept in {@code data/raw/<dataset>/_empty_periods.json} as
 * {@code {"ranges":[{"start":"2025-01-12","end":"2025-01-12"}]}} (labels in the dataset's own format), written to a
 * temporary file and renamed, like the raw store's other {@code _*.json} files, so a crash never leaves half a list.
 * Read on every look-up (the file is tiny): deleting it makes the next run ask for those gaps again.
 */
@Component
class EmptyPeriods {

    static final String FILE = "_empty_periods.json";

    private static final Logger log = LoggerFactory.getLogger(EmptyPeriods.class);

    private final DatasetCatalog datasets;
    private final RawStore rawStore;
    private final ObjectMapper mapper;

    EmptyPeriods(DatasetCatalog datasets, RawStore rawStore, ObjectMapper mapper) {
        this.datasets = datasets;
        this.rawStore = rawStore;
        this.mapper = mapper;
    }

    /** The file's content: ranges of period labels, both inclusive. */
    record Saved(List<Range> ranges) {}

    /** One range of periods, as labels in the dataset's format. */
    record Range(String start, String end) {}

    /** The ranges remembered for a dataset, oldest first; none when the file is missing or cannot be read. */
    List<PeriodRange> of(String datasetId) {
        Path file = file(datasetId);
        if (!Files.exists(file)) {
            return List.of();
        }
        DatasetSpec dataset = datasets.get(datasetId);
        try {
            List<PeriodRange> ranges = new ArrayList<>();
            for (Range range : mapper.readValue(file.toFile(), Saved.class).ranges()) {
                ranges.add(new PeriodRange(
                        dataset.frequency().parse(range.start()),
                        dataset.frequency().parse(range.end())));
            }
            return ranges;
        } catch (IOException | RuntimeException e) {
            // Without it the gaps are asked for again, as before they were known: costly, never wrong.
            log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    /** Replaces what is remembered of a dataset with {@code ranges}; none removes the file. */
    void remember(String datasetId, List<PeriodRange> ranges) {
        Path file = file(datasetId);
        try {
            if (ranges.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            mapper.writerWithDefaultPrettyPrinter()
                    .writeValue(
                            temp.toFile(),
                            new Saved(ranges.stream()
                                    .map(r ->
                                            new Range(r.start().label(), r.end().label()))
                                    .toList()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private Path file(String datasetId) {
        return rawStore.datasetDir(datasetId).resolve(FILE);
    }
}
