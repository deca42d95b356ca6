package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.sample.EiaApiEmulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A dataset is a YAML entry: a bad one stops startup naming its key; a new shape needs no code. */
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

    @Test
    void an_hourly_eia_930_dataset_needs_only_configuration() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String hour : List.of("2026-11-01T00", "2026-11-01T01")) {
            for (String type : List.of("D", "NG")) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("period", hour);
                row.put("respondent", "ERCO");
                row.put("respondent-name", "Electric Reliability Council of Texas, Inc.");
                row.put("type", type);
                row.put("type-name", type.equals("D") ? "Demand" : "Net generation");
                row.put("value", type.equals("D") ? "41234" : ".5");
                rows.add(row);
            }
        }
        EIA.serve(new EiaApiEmulator.Route("electricity/rto/region-data",
                List.of("period", "respondent", "respondent-name", "type", "type-name"),
                Map.of("value", "megawatthours"), rows));

        try (ConfigurableApplicationContext app = start(
                "--pipeline.datasets.region-data.route=electricity/rto/region-data",
                "--pipeline.datasets.region-data.frequency=hourly",
                "--pipeline.datasets.region-data.start=2026-11-01",
                "--pipeline.datasets.region-data.data=value",
                "--pipeline.datasets.region-data.facets.respondent=ERCO",
                "--pipeline.datasets.region-data.key=period,respondent,type",
                "--pipeline.datasets.region-data.fields.period=hour",
                "--pipeline.datasets.region-data.fields.respondent=string",
                "--pipeline.datasets.region-data.fields.respondent-name=string",
                "--pipeline.datasets.region-data.fields.type=string",
                "--pipeline.datasets.region-data.fields.type-name=string",
                "--pipeline.datasets.region-data.fields.value=double")) {
            Map<?, ?> run = TestApps.refreshAndWait(app);
            assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
        }

        List<Map<String, Object>> stored = RawFiles.committedRows(work.resolve("data"), "region-data");
        assertThat(stored).hasSize(4);
        assertThat(stored.get(0).get("period").toString()).startsWith("2026-11-01");
        assertThat(stored).extracting(r -> r.get("respondent_name")).containsOnly("Electric Reliability Council of Texas, Inc.");
        assertThat(stored).extracting(r -> r.get("value")).contains(41234.0, 0.5);
    }

    private ConfigurableApplicationContext start(String... extra) {
        return TestApps.start(EIA, work, "dataset-config-test", extra);
    }
}
