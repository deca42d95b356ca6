package io.github.eiaoutages.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process DuckDB takes its settings from sql/duckdb/settings.sql and pipeline.storage.duckdb-memory-limit. */
class DuckDbTest {

    @TempDir
    Path work;

    @Test
    void the_memory_limit_comes_from_the_setting_and_insertion_order_is_not_kept() throws Exception {
        try (DuckDb duckDb = new DuckDb(TestSettings.properties(work, "pipeline.storage.duckdb-memory-limit=100MB"));
                Connection c = duckDb.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')")) {
            rs.next();
            // DuckDB shows 100 MB (10^8 bytes) in binary units.
            assertThat(rs.getString(1)).isEqualTo("95.3 MiB");
            assertThat(rs.getBoolean(2)).isFalse();
        }
    }
}
