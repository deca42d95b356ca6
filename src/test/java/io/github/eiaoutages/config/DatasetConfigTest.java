package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.sample.SampleSeries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A dataset is a YAML entry: a bad one stops startup naming its key (each shape: {@code ExampleDatasetsTest}). */
class DatasetConfigTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void a_dataset_without_a_route_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start(
                                "--pipeline.datasets.broken.fields.period=date",
                                "--pipeline.datasets.broken.key=period")
                        .close())
                .hasStackTraceContaining("pipeline.datasets.broken.route is not set, but must not be blank");
    }

    @Test
    void an_unknown_field_type_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start(
                                "--pipeline.datasets.broken.route=electricity/x",
                                "--pipeline.datasets.broken.fields.period=datetime",
                                "--pipeline.datasets.broken.key=period")
                        .close())
                .hasStackTraceContaining("pipeline.datasets.broken.fields.period")
                .hasStackTraceContaining(
                        "is 'datetime', which is not a field type; use one of string, date, hour, double, long");
    }

    @Test
    void a_dataset_without_a_key_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start(
                                "--pipeline.datasets.broken.route=electricity/x",
                                "--pipeline.datasets.broken.fields.period=date")
                        .close())
                .hasStackTraceContaining("pipeline.datasets.broken.key is not set, but must not be empty");
    }

    @Test
    void a_bad_dataset_schedule_stops_startup_naming_the_dataset() {
        assertThatThrownBy(() -> start("--pipeline.datasets.us-nuclear-outages.schedule.cron=every hour")
                        .close())
                .hasStackTraceContaining(
                        "pipeline.datasets.us-nuclear-outages.schedule.cron 'every hour' is not a Quartz cron");
        assertThatThrownBy(() -> start("--pipeline.datasets.us-nuclear-outages.schedule.time-zone=Mars/Olympus")
                        .close())
                .hasStackTraceContaining(
                        "pipeline.datasets.us-nuclear-outages.schedule.time-zone 'Mars/Olympus' is not a time zone");
    }

    @Test
    void a_frequency_changed_under_stored_rows_stops_startup_naming_the_key_and_what_to_do() {
        EIA.serve(SampleSeries.co2Annual(Frequency.ANNUAL.parse("2020"), Frequency.ANNUAL.parse("2024")));
        String d = "--pipeline.datasets.co2.";
        String[] annual = {
            d + "route=co2-emissions/co2-emissions-aggregates",
            d + "frequency=annual",
            d + "start=2020",
            d + "data=value",
            d + "key=period,stateId,sectorId,fuelId",
            d + "fields.stateId=string",
            d + "fields.sectorId=string",
            d + "fields.fuelId=string",
            d + "fields.value=double"
        };
        try (ConfigurableApplicationContext app = start(annual)) {
            assertThat(TestApps.refreshAndWait(app, "co2").get("status")).isEqualTo("succeeded");
        }
        String[] monthly = java.util.Arrays.copyOf(annual, annual.length);
        monthly[1] = d + "frequency=monthly";
        monthly[2] = d + "start=2020-01";

        assertThatThrownBy(() -> start(monthly).close())
                .hasStackTraceContaining("pipeline.datasets.co2.frequency is 'monthly', but ")
                .hasStackTraceContaining("holds rows of another frequency (period '2020'")
                .hasStackTraceContaining("add the new shape under another dataset id");
    }

    private ConfigurableApplicationContext start(String... extra) {
        return TestApps.start(EIA, work, "dataset-config-test", extra);
    }
}
