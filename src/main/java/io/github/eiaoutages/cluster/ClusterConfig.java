package io.github.eiaoutages.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.github.eiaoutages.config.InvalidConfigurationException;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.raw.RawStore;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clustered mode ({@code pipeline.cluster.enabled: true}): any number of instances share one PostgreSQL database
 * ({@code spring.datasource.url}, {@code .username}, {@code .password}) and one data folder. PostgreSQL holds
 * Quartz's clustered job store (each fire on one instance), the run lease (one run in the cluster, fencing at the
 * commit), run records with their progress, the record of scheduled fires and the current snapshot id. Flyway
 * applies the schema at startup ({@code db/migration}, then Quartz's own script).
 *
 * <p>Without this setting none of it exists: Spring Boot's DataSource and Flyway auto-configuration are excluded
 * in {@code EiaOutagePipelineApplication}, so no database is needed or contacted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pipeline.cluster.enabled", havingValue = "true")
public class ClusterConfig {

    @Bean
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties clusterDataSourceProperties() {
        return new DataSourceProperties();
    }

    /** A small pool: the lease, run records, the snapshot poll and Quartz's job store (threads + 2). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource clusterDataSource(DataSourceProperties properties) {
        String url = properties.getUrl();
        if (url == null || url.isBlank()) {
            throw InvalidConfigurationException.withAction(
                    "spring.datasource.url",
                    "is empty, but pipeline.cluster.enabled is true",
                    "Set SPRING_DATASOURCE_URL to your PostgreSQL database (jdbc:postgresql://host:5432/pipeline), with "
                            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, or set "
                            + "PIPELINE_CLUSTER_ENABLED=false to run one instance without a database");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw InvalidConfigurationException.withAction(
                    "spring.datasource.url",
                    "is not a PostgreSQL URL (" + ClusterDatabase.describe(url) + ")",
                    "Clustered mode runs on PostgreSQL: set SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/db");
        }
        // Masked in every log line, whichever way it was set (environment, command line, file).
        io.github.eiaoutages.security.SecretMasking.register(properties.getPassword());
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("pipeline-cluster");
        dataSource.setMaximumPoolSize(12);
        // An unreachable database answers within 5 s (a refresh's 503, GET /runs), not Hikari's default 30 s.
        dataSource.setConnectionTimeout(5000);
        return dataSource;
    }

    /** The schema, applied (or checked current) by Flyway before anything else touches the database. */
    @Bean
    ClusterDatabase clusterDatabase(DataSource dataSource, DataSourceProperties properties) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .javaMigrations(new QuartzTables())
                    // A database that already has other tables (shared with other software) is fine: ours are
                    // created next to them from version 1.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException | IllegalStateException e) {
            throw ClusterDatabase.unreachable(properties, e);
        }
        return new ClusterDatabase(
                new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Bean
    PostgresRunStore postgresRunStore(ClusterDatabase database, ObjectMapper json) {
        return new PostgresRunStore(database, json);
    }

    @Bean
    PostgresRunLease postgresRunLease(
            ClusterDatabase database,
            PipelineProperties properties,
            PostgresRunStore runs,
            RawStore rawStore,
            ObjectMapper json) {
        return new PostgresRunLease(database, properties.cluster(), runs, rawStore, json);
    }

    @Bean
    PostgresScheduleFires postgresScheduleFires(ClusterDatabase database, PipelineProperties properties) {
        return new PostgresScheduleFires(database, properties.cluster().instance());
    }

    @Bean
    PostgresSnapshotPointer postgresSnapshotPointer(
            ClusterDatabase database,
            PipelineProperties properties,
            ApplicationEventPublisher events,
            ObjectProvider<SnapshotPublisher> publisher) {
        return new PostgresSnapshotPointer(database, properties.cluster(), events, publisher);
    }

    @Bean
    PostgresSinkProgress postgresSinkProgress(ClusterDatabase database, DataSource dataSource) {
        return new PostgresSinkProgress(database, dataSource);
    }

    @Bean
    ClusteredQuartz clusteredQuartz(ClusterDatabase database, DataSource dataSource, PostgresScheduleFires fires) {
        return new ClusteredQuartz(dataSource, fires);
    }
}
