package io.github.eiaoutages.cluster;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Migration 2: Quartz's tables for its clustered JDBC job store, created by Quartz's own script for PostgreSQL
 * ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql} inside the quartz jar), so they always match the
 * Quartz version on the class path. Run once by Flyway, after {@code V1__cluster.sql}.
 */
final class QuartzTables implements JavaMigration {

    static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "quartz tables (" + SCRIPT + ")";
    }

    /** Flyway checks nothing of a Java migration's text; the script's own version is Quartz's jar version. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        // Spring's script runner reads the script as Quartz ships it (comments, one statement per semicolon).
        ScriptUtils.executeSqlScript(
                context.getConnection(), new ClassPathResource(SCRIPT, QuartzTables.class.getClassLoader()));
    }
}
