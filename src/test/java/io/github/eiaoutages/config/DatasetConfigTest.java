package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A dataset is a YAML entry: a bad one stops startup naming its key (each shape: {@code ExampleDatasetsTest}). */
class DatasetConfigTest {

    private static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @AfterAll
    static void stopStub() {
        EIA.close();
    }

    @Test
    void a_dataset_without_a_route_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start("--pipeline.datasets.broken.fields.period=date",
                "--pipeline.datasets.broken.key=period").close())
                .hasStackTraceContaining("pipeline.datasets[broken].route").hasStackTraceContaining("must not be blank");
    }

    @Test
    void an_unknown_field_type_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start("--pipeline.datasets.broken.route=electricity/x",
                "--pipeline.datasets.broken.fields.period=datetime", "--pipeline.datasets.broken.key=period").close())
                .hasStackTraceContaining("pipeline.datasets.broken.fields.period")
                .hasStackTraceContaining("use one of string, date, hour, double, long");
    }

    @Test
    void a_dataset_without_a_key_stops_startup_naming_the_key() {
        assertThatThrownBy(() -> start("--pipeline.datasets.broken.route=electricity/x",
                "--pipeline.datasets.broken.fields.period=date").close())
                .hasStackTraceContaining("pipeline.datasets[broken].key").hasStackTraceContaining("must not be empty");
    }

    @Test
    void a_bad_dataset_schedule_stops_startup_naming_the_dataset() {
        assertThatThrownBy(() -> start("--pipeline.datasets.us-nuclear-outages.schedule.cron=every hour").close())
                .hasStackTraceContaining("pipeline.datasets.us-nuclear-outages.schedule.cron 'every hour' is not a Quartz cron");
        assertThatThrownBy(() -> start("--pipeline.datasets.us-nuclear-outages.schedule.time-zone=Mars/Olympus").close())
                .hasStackTraceContaining("pipeline.datasets.us-nuclear-outages.schedule.time-zone 'Mars/Olympus' is not a time zone");
    }

    private ConfigurableApplicationContext start(String... extra) {
        return TestApps.start(EIA, work, "dataset-config-test", extra);
    }
}
