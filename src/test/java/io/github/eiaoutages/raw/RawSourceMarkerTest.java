package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.extract.EiaEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample rows and live rows never share a raw store. */
class RawSourceMarkerTest {

    @TempDir
    Path work;

    @Test
    void a_store_of_sample_rows_refuses_a_live_start_and_says_what_to_do() {
        PipelineProperties sample = TestSettings.properties(work);
        new RawSourceMarker(sample, new EiaEndpoint(sample));
        PipelineProperties live = withKey(sample, "a-key");

        assertThatThrownBy(() -> new RawSourceMarker(live, new EiaEndpoint(live)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pipeline.storage.data-dir")
                .hasMessageContaining("holds the bundled sample data")
                .hasMessageNotContaining("a-key");
        assertThat(work.resolve("data/raw/_source")).hasContent("sample");
    }

    @Test
    void the_same_source_starts_again() {
        PipelineProperties live = withKey(TestSettings.properties(work), "a-key");
        new RawSourceMarker(live, new EiaEndpoint(live));

        new RawSourceMarker(live, new EiaEndpoint(live));

        assertThat(work.resolve("data/raw/_source")).hasContent("live");
    }

    private PipelineProperties withKey(PipelineProperties p, String key) {
        return TestSettings.properties(work, "pipeline.eia.api-key=" + key);
    }
}
