package io.github.eiaoutages.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL statements of clustered mode, from {@code src/main/resources/sql/cluster/<name>.sql}. */
final class ClusterSql {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private ClusterSql() {}

    /** The statement in {@code sql/cluster/<name>.sql}, comment lines and all (PostgreSQL ignores them). */
    static String get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = ClusterSql.class.getResourceAsStream("/sql/cluster/" + n + ".sql")) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource sql/cluster/" + n + ".sql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
