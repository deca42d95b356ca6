package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A published model that cannot be read (a truncated Parquet file) does not stop the server: data answers 503
 * saying so and what rebuilds it, health is DOWN naming the snapshot, and the next run rebuilds the model.
 */
class CorruptSnapshotTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @BeforeAll
    static void serveRows() {
        EIA.serveGenerator(EiaStub.generatorRows(9, LocalDate.of(2025, 1, 1)));
    }

    @Test
    void a_truncated_fact_table_leaves_the_server_up_answering_503_until_the_next_run_rebuilds_it() throws IOException {
        String first = publishModel();
        truncate("fact_outage");

        try (ConfigurableApplicationContext app = start()) {
            Map<?, ?> data = TestApps.get(app, "/data");
            assertThat(data.get("status")).isEqualTo(503);
            assertThat(data.get("title")).isEqualTo("Model unreadable");
            assertThat((String) data.get("detail"))
                    .startsWith("The published model (snapshot " + first + ") cannot be read: ")
                    .contains("fact_outage.parquet is not a whole Parquet file (100 bytes")
                    .contains("POST /refresh")
                    .contains("--pipeline.mode=model-once");
            assertThat(TestApps.get(app, "/analytics/national").get("title")).isEqualTo("Model unreadable");

            Map<?, ?> pipeline = pipelineHealth(app);
            assertThat(pipeline.get("status")).isEqualTo("DOWN");
            Map<?, ?> model = (Map<?, ?>) ((Map<?, ?>) pipeline.get("details")).get("model");
            assertThat(model.get("snapshot")).isEqualTo(first);
            assertThat(model.get("status")).isEqualTo("unreadable");

            Map<?, ?> run = TestApps.refreshAndWait(app);
            assertThat(run.get("status")).isEqualTo("succeeded");
            assertThat(run.get("snapshot")).isNotNull().isNotEqualTo(first);
            Map<?, ?> served = TestApps.get(app, "/data");
            assertThat(served.get("snapshot")).isEqualTo(run.get("snapshot"));
            assertThat((java.util.List<?>) served.get("data")).isNotEmpty();
            assertThat(((Map<?, ?>) pipelineHealth(app).get("details")).containsKey("model"))
                    .isFalse();
        }
    }

    @Test
    void a_truncated_plant_table_is_rebuilt_too() throws IOException {
        String first = publishModel();
        truncate("dim_plant");

        try (ConfigurableApplicationContext app = start()) {
            assertThat(TestApps.get(app, "/plants").get("status")).isEqualTo(503);

            Map<?, ?> run = TestApps.refreshAndWait(app);

            assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
            assertThat(run.get("snapshot")).isNotEqualTo(first);
            assertThat((java.util.List<?>) TestApps.get(app, "/plants").get("data"))
                    .hasSize(3);
        }
    }

    private String publishModel() {
        try (ConfigurableApplicationContext app = start()) {
            Map<?, ?> run = TestApps.refreshAndWait(app);
            assertThat(run.get("status")).isEqualTo("succeeded");
            return (String) run.get("snapshot");
        }
    }

    /** What {@code truncate -s 100 modeled/current/<table>.parquet} does. */
    private void truncate(String table) throws IOException {
        try (FileChannel file =
                FileChannel.open(work.resolve("modeled/current/" + table + ".parquet"), StandardOpenOption.WRITE)) {
            file.truncate(100);
        }
    }

    private static Map<?, ?> pipelineHealth(ConfigurableApplicationContext app) {
        return (Map<?, ?>) ((Map<?, ?>) TestApps.get(app, "/actuator/health").get("components")).get("pipeline");
    }

    private ConfigurableApplicationContext start() {
        return TestApps.start(EIA, work, "corrupt-snapshot-test");
    }
}
