package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One data folder is either a cluster's or a single instance's, never both at once: a single instance beside a
 * cluster would commit runs beside the cluster's (found by the breaker trial of issue 16: every row stored twice).
 */
class MixedModeFolderTest {

    @TempDir
    Path work;

    @Test
    void a_single_instance_refuses_a_cluster_s_folder_saying_what_to_do() throws Exception {
        store(true).lockAndRecover();

        InvalidConfigurationException refused = catchThrowableOfType(
                InvalidConfigurationException.class, () -> store(false).lockAndRecover());

        assertThat(refused.key()).isEqualTo("pipeline.cluster.enabled");
        assertThat(refused.getMessage()).contains("is the data folder of a cluster");
        assertThat(refused.action()).contains("PIPELINE_CLUSTER_ENABLED=true", "delete .cluster");
    }

    @Test
    void a_cluster_instance_refuses_a_folder_a_single_instance_holds() throws Exception {
        RawStore single = store(false);
        single.lockAndRecover();
        try {
            InvalidConfigurationException refused = catchThrowableOfType(
                    InvalidConfigurationException.class, () -> store(true).lockAndRecover());

            assertThat(refused.getMessage()).contains("is held by a single-instance process");
            assertThat(work.resolve("data/.cluster")).doesNotExist();
        } finally {
            single.unlock();
        }
    }

    private RawStore store(boolean clustered) throws Exception {
        PipelineProperties p = TestSettings.properties(work);
        PipelineProperties properties = new PipelineProperties(
                p.mode(),
                p.runOnStartup(),
                p.schedule(),
                p.eia(),
                p.storage(),
                p.model(),
                p.shutdown(),
                p.api(),
                new PipelineProperties.Cluster(clustered, Duration.ofSeconds(60), "", Duration.ofSeconds(2)),
                p.alerts(),
                p.datasets());
        return new RawStore(properties, new DatasetCatalog(properties), new DuckDb(), new ObjectMapper());
    }
}
