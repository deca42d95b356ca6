package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.extract.EiaEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Keeps sample rows and live EIA rows from ever sharing a raw store. The first run writes {@code data/raw/_source}
 * ("sample" or "live"); starting later with the other source stops the application with what to do, so that
 * forgetting {@code EIA_API_KEY} once cannot mix invented outages into a live copy (or the other way round).
 */
@Component
class RawSourceMarker {

    private static final String SAMPLE = "sample";
    private static final String LIVE = "live";

    RawSourceMarker(PipelineProperties properties, EiaEndpoint endpoint) {
        Path marker = properties.storage().rawDir().resolve("_source");
        String wanted = endpoint.sampleMode() ? SAMPLE : LIVE;
        try {
            if (Files.exists(marker)) {
                String found = Files.readString(marker).trim();
                if (!found.equals(wanted)) {
                    throw new InvalidConfigurationException(
                            "pipeline.storage.data-dir",
                            "('" + properties.storage().dataDir()
                                    + "') holds " + describe(found) + ", but the application now reads "
                                    + describe(wanted)
                                    + ". Move " + properties.storage().dataDir() + " and "
                                    + properties.storage().modeledDir()
                                    + " aside (or delete them), or point pipeline.storage.data-dir and pipeline.storage.modeled-dir "
                                    + "at other folders; "
                                    + (wanted.equals(LIVE)
                                            ? "unset EIA_API_KEY to keep using the sample."
                                            : "set EIA_API_KEY to keep reading live data."));
                }
            } else {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, wanted + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read or write " + marker + "; check that the folder is writable", e);
        }
    }

    private static String describe(String source) {
        return SAMPLE.equals(source) ? "the bundled sample data (no EIA_API_KEY)" : "live EIA data (EIA_API_KEY set)";
    }
}
