package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Clustered mode's settings: what is refused before any connection, and what an unreachable database says. */
class ClusterSettingsTest {

    @Test
    void clustered_mode_without_a_database_url_says_which_variables_to_set() {
        InvalidConfigurationException failure = catchThrowableOfType(
                InvalidConfigurationException.class,
                () -> new ClusterConfig().clusterDataSource(new DataSourceProperties()));

        assertThat(failure.key()).isEqualTo("spring.datasource.url");
        assertThat(failure.action())
                .contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "PIPELINE_CLUSTER_ENABLED=false");
    }

    @Test
    void a_database_url_that_is_not_postgresql_is_refused() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl("jdbc:mysql://db:3306/pipeline?password=hunter22");

        InvalidConfigurationException failure = catchThrowableOfType(
                InvalidConfigurationException.class, () -> new ClusterConfig().clusterDataSource(properties));

        assertThat(failure.getMessage()).contains("not a PostgreSQL URL").doesNotContain("hunter22");
    }

    @Test
    void an_unreachable_database_is_named_without_its_password() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl("jdbc:postgresql://127.0.0.1:1/pipeline?password=hunter22");
        properties.setUsername("pipeline");
        properties.setPassword("hunter23");
        com.zaxxer.hikari.HikariDataSource dataSource = new ClusterConfig().clusterDataSource(properties);
        dataSource.setConnectionTimeout(1000);
        dataSource.setInitializationFailTimeout(-1);

        InvalidConfigurationException failure = catchThrowableOfType(
                InvalidConfigurationException.class, () -> new ClusterConfig().clusterDatabase(dataSource, properties));
        dataSource.close();

        assertThat(failure.getMessage())
                .contains("jdbc:postgresql://127.0.0.1:1/pipeline", "user pipeline")
                .doesNotContain("hunter22", "hunter23");
        assertThat(failure.action()).contains("Check that PostgreSQL runs there");
    }

    @Test
    void a_lease_shorter_than_four_seconds_is_refused() {
        InvalidConfigurationException failure = catchThrowableOfType(
                InvalidConfigurationException.class,
                () -> new PipelineProperties.Cluster(true, Duration.ofSeconds(2), "", Duration.ofSeconds(2)));

        assertThat(failure.getMessage())
                .isEqualTo("pipeline.cluster.lease is 2s, but must be at least 4s (it is "
                        + "renewed at least every quarter of it), e.g. 60s");
    }

    @Test
    void the_instance_name_defaults_to_host_and_process_id() {
        String name =
                new PipelineProperties.Cluster(false, Duration.ofSeconds(60), "", Duration.ofSeconds(2)).instance();

        assertThat(name).endsWith("-" + ProcessHandle.current().pid());
        assertThat(new PipelineProperties.Cluster(false, Duration.ofSeconds(60), " node-a ", Duration.ofSeconds(2))
                        .instance())
                .isEqualTo("node-a");
    }
}
