package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.period.Frequency;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A dataset entry that cannot work stops startup with a message naming its key; what it leaves out has defaults. */
class DatasetCatalogTest {

    private static final String MONTHLY = "pipeline.datasets.monthly.";
    private final Path work = Path.of("target", "unused");

    @Test
    void the_default_dataset_resolves_to_snake_case_columns_and_its_key() {
        DatasetSpec spec = catalog().get("generator-nuclear-outages");

        assertThat(spec.fields())
                .extracting(FieldSpec::column)
                .containsExactly(
                        "period", "facility", "facility_name", "generator", "capacity", "outage", "percent_outage");
        assertThat(spec.keyFields()).extracting(FieldSpec::name).containsExactly("period", "facility", "generator");
        assertThat(spec.start().label()).isEqualTo("2007-01-01");
        assertThat(spec.storesPeriodLabel()).isFalse();
    }

    @Test
    void a_key_field_that_is_not_a_field_names_the_key() {
        assertThatThrownBy(() -> catalog("pipeline.datasets.generator-nuclear-outages.key=period,plant"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages.key")
                .hasMessageContaining("'plant'");
    }

    @Test
    void a_route_with_data_appended_is_refused() {
        assertThatThrownBy(() -> catalog("pipeline.datasets.generator-nuclear-outages.route="
                        + "nuclear-outages/generator-nuclear-outages/data"))
                .hasMessageContaining("pipeline.datasets.generator-nuclear-outages.route");
    }

    @Test
    void a_bad_cron_names_the_schedule_key() {
        assertThatThrownBy(() -> new PipelineProperties.Schedule(
                        true, "every hour", "UTC", java.time.Duration.ofMinutes(30), java.time.Duration.ofSeconds(5)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pipeline.schedule.cron");
    }

    @Test
    void a_period_left_out_of_fields_takes_its_type_from_the_frequency_and_look_back_counts_months() {
        DatasetSpec spec = catalog(monthly("look-back=2")).get("monthly");

        assertThat(spec.period().type()).isEqualTo(FieldType.DATE);
        assertThat(spec.fields().get(0).name()).isEqualTo("period");
        assertThat(spec.frequency()).isEqualTo(Frequency.MONTHLY);
        assertThat(spec.start().label()).isEqualTo("2024-01");
        assertThat(spec.lookBack()).isEqualTo(2);
        assertThat(spec.window()).isEqualTo(Frequency.MONTHLY.defaultWindow());
        assertThat(spec.maxAge()).isEqualTo(Duration.ofDays(75));
        assertThat(spec.storesPeriodLabel()).isTrue();
        assertThat(spec.rowWidth()).isEqualTo(spec.fields().size() + 1);
    }

    @Test
    void a_period_type_that_cannot_hold_the_frequency_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> catalog(monthly("fields.period=hour")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(MONTHLY + "fields.period")
                .hasMessageContaining("monthly periods such as 2026-10");
        assertThatThrownBy(() -> catalog(monthly("fields.period=string")))
                .hasMessageContaining(MONTHLY + "fields.period");
        assertThatThrownBy(() -> catalog(monthly("frequency=hourly", "start=2026-11-01T00", "fields.period=date")))
                .hasMessageContaining(MONTHLY + "fields.period")
                .hasMessageContaining("use 'hour'");
    }

    @Test
    void day_counts_are_an_invalid_setting_on_a_monthly_dataset_and_hours_on_an_hourly_one() {
        assertThatThrownBy(() -> catalog(monthly("look-back-days=60")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        MONTHLY + "look-back-days counts days, but the dataset is monthly: use look-back");
        assertThatThrownBy(() -> catalog(monthly("window-days=365"))).hasMessageContaining(MONTHLY + "window-days");
        DatasetSpec hourly = catalog(
                        monthly("frequency=hourly", "start=2026-11-01T00", "look-back-days=2", "window-days=30"))
                .get("monthly");
        assertThat(hourly.lookBack()).isEqualTo(48);
        assertThat(hourly.window()).isEqualTo(720);
        assertThatThrownBy(() -> catalog(monthly("look-back=2", "look-back-days=60")))
                .hasMessageContaining("both set");
    }

    @Test
    void start_has_a_default_only_for_nuclear_routes_and_is_written_in_the_datasets_format() {
        assertThatThrownBy(() -> catalog(monthly("start=")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(MONTHLY + "start is not set")
                .hasMessageContaining("e.g. 2026-10");
        assertThatThrownBy(() -> catalog(monthly("start=2024-01-01")))
                .hasMessageContaining(MONTHLY + "start")
                .hasMessageContaining("'2024-01-01' is not a monthly period");
        assertThat(catalog(monthly("frequency=annual", "start=2015"))
                        .get("monthly")
                        .start()
                        .label())
                .isEqualTo("2015");
        assertThat(catalog(monthly("frequency=quarterly", "start=2023-Q1"))
                        .get("monthly")
                        .start()
                        .label())
                .isEqualTo("2023-Q1");
    }

    @Test
    void an_unknown_frequency_names_the_key_and_the_frequencies_there_are() {
        assertThatThrownBy(() -> catalog(monthly("frequency=yearly")))
                .hasMessageContaining(MONTHLY + "frequency")
                .hasMessageContaining("hourly, local-hourly, daily, weekly, monthly, quarterly, annual");
    }

    @Test
    void max_age_defaults_by_frequency() {
        assertThat(catalog(monthly("frequency=annual", "start=2015"))
                        .get("monthly")
                        .maxAge())
                .isEqualTo(Duration.ofDays(500));
        assertThat(catalog(monthly("frequency=weekly", "start=2024-01-05"))
                        .get("monthly")
                        .maxAge())
                .isEqualTo(Duration.ofDays(14));
        assertThat(catalog().get("us-nuclear-outages").maxAge()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void fields_that_would_share_a_column_or_take_one_of_the_pipelines_stop_startup() {
        assertThatThrownBy(() -> catalog(monthly("fields.typeName=string", "fields.type-name=string")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("would both be stored as column type_name");
        assertThatThrownBy(() -> catalog(monthly("fields._run_id=string")))
                .hasMessageContaining(
                        MONTHLY + "fields._run_id is stored as _run_id, a column the pipeline fills itself");
    }

    @Test
    void counts_out_of_range_and_a_max_age_of_zero_name_their_key() {
        assertThatThrownBy(
                        () -> catalog(monthly("frequency=hourly", "start=2026-11-01T00", "look-back-days=100000000")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(MONTHLY + "look-back-days is 100000000");
        assertThatThrownBy(() -> catalog(monthly("max-age=-1d")))
                .hasMessageContaining(MONTHLY + "max-age is -24h, but must be longer than zero");
    }

    /** A monthly dataset entry (electric power operations) plus {@code extra} keys under it. */
    private static String[] monthly(String... extra) {
        String[] base = {
            "route=electricity/electric-power-operational-data",
            "frequency=monthly",
            "start=2024-01",
            "data=generation",
            "key=period,location",
            "fields.location=string",
            "fields.generation=double"
        };
        String[] all = new String[base.length + extra.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = MONTHLY + (i < base.length ? base[i] : extra[i - base.length]);
        }
        return all;
    }

    private DatasetCatalog catalog(String... overrides) {
        return new DatasetCatalog(TestSettings.properties(work, overrides));
    }
}
