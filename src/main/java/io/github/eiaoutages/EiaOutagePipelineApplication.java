package io.github.eiaoutages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the pipeline: Camel routes from {@code routes/}, settings from {@code application.yaml}. Spring Boot's own
 * DataSource and Flyway set-up are off: without {@code pipeline.cluster.enabled} there is no database at all (they
 * would fail for want of a URL), and in clustered mode cluster.ClusterConfig makes both itself.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@ConfigurationPropertiesScan
public class EiaOutagePipelineApplication {

    public static void main(String[] args) {
        SpringApplication.run(EiaOutagePipelineApplication.class, args);
    }
}
