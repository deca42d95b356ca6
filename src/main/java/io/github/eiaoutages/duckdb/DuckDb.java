package io.github.eiaoutages.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;
import org.springframework.stereotype.Component;

/**
 * The in-process DuckDB that models and queries the Parquet files, and the SQL files it runs.
 *
 * <p>One root connection lives as long as the application; every user gets its own {@link #connect() duplicate},
 * because a DuckDB connection shared across threads fails under concurrent queries.
 */
@Component
public class DuckDb implements AutoCloseable {

    private final DuckDBConnection root;
    private final Map<String, String> sqlCache = new ConcurrentHashMap<>();

    /** A DuckDB with the default memory limit, 2 GB (tests and tools). */
    public DuckDb() throws SQLException {
        this("2GB");
    }

    /** The application's DuckDB, limited to {@code pipeline.storage.duckdb-memory-limit}. */
    @org.springframework.beans.factory.annotation.Autowired
    public DuckDb(io.github.eiaoutages.config.PipelineProperties properties) throws SQLException {
        this(properties.storage().duckdbMemoryLimit());
    }

    private DuckDb(String memoryLimit) throws SQLException {
        root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = root.createStatement()) {
            // One statement at a time; comment lines go first, since they may hold a ';'.
            String settings = sql("duckdb/settings.sql")
                    .lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n"))
                    .replace("{{memory_limit}}", memoryLimit.strip());
            for (String statement : settings.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement.strip());
                }
            }
        }
    }

    /** A connection for one thread; close it when done. */
    public Connection connect() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not open a connection: " + e.getMessage(), e);
        }
    }

    /** The text of {@code src/main/resources/sql/<name>}. */
    public String sql(String name) {
        return sqlCache.computeIfAbsent(name, n -> {
            try (InputStream in = DuckDb.class.getResourceAsStream("/sql/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource sql/" + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A path as a SQL string literal. Paths come from our own configuration and layout, never from a request;
     * DuckDB's table functions take them as constants, so they cannot be bound as parameters.
     */
    public static String literal(Path path) {
        return "'" + path.toAbsolutePath().normalize().toString().replace("'", "''") + "'";
    }

    /** A list of paths as a SQL list literal, for {@code read_parquet([...])}. */
    public static String literal(List<Path> paths) {
        StringBuilder list = new StringBuilder("[");
        for (Path path : paths) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append(literal(path));
        }
        return list.append(']').toString();
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
