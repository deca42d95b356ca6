package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dataset entry that cannot work stops startup with a message naming its key. */
class DatasetCatalogTest {

    private final Path work = Path.of("target", "unused");

    @Test
    void the_default_dataset_resolves_to_snake_case_columns_and_its_key() {
        DatasetSpec spec = new DatasetCatalog(TestSettings.properties(work)).get("generator-nuclear-outages");

        assertThat(spec.fields()).extracting(FieldSpec::column)
                .containsExactly("period", "facility", "facility_name", "generator", "capacity", "outage", "percent_outage");
        assertThat(spec.keyFields()).extracting(FieldSpec::name).containsExactly("period", "facility", "generator");
    }

    @Test
    void a_key_field_that_is_not_a_field_names_the_key() {
        PipelineProperties.Dataset good = TestSettings.generatorDataset();
        PipelineProperties.Dataset bad = new PipelineProperties.Dataset(good.route(), good.frequency(), good.start(),
                good.data(), good.facets(), List.of("period", "plant"), good.fields(), 14, 365, good.checks(), null, good.maxAge());

        assertThatThrownBy(() -> new DatasetCatalog(TestSettings.properties(work, Map.of("generator-nuclear-outages", bad))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages.key").hasMessageContaining("'plant'");
    }

    @Test
    void a_route_with_data_appended_is_refused() {
        PipelineProperties.Dataset good = TestSettings.generatorDataset();
        PipelineProperties.Dataset bad = new PipelineProperties.Dataset(good.route() + "/data", good.frequency(),
                good.start(), good.data(), good.facets(), good.key(), good.fields(), 14, 365, good.checks(), null, good.maxAge());

        assertThatThrownBy(() -> new DatasetCatalog(TestSettings.properties(work, Map.of("generator-nuclear-outages", bad))))
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages.route");
    }

    @Test
    void a_bad_cron_names_the_schedule_key() {
        assertThatThrownBy(() -> new PipelineProperties.Schedule(true, "every hour", "UTC"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("pipeline.schedule.cron");
    }
}
