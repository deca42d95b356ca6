package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a published snapshot can be read, as the API, health and the next run ask it. */
class SnapshotReadabilityTest {

    @TempDir
    Path work;

    private SnapshotPublisher publisher;

    @BeforeEach
    void setUp() {
        publisher =
                new SnapshotPublisher(TestSettings.properties(work), new com.fasterxml.jackson.databind.ObjectMapper());
    }

    @Test
    void a_snapshot_of_whole_parquet_files_is_readable() throws IOException {
        assertThat(publisher.unreadable(snapshot("s1"))).isEmpty();
    }

    @Test
    void a_table_cut_short_makes_the_snapshot_unreadable_naming_the_file() throws IOException {
        Snapshot snapshot = snapshot("s1");
        Files.write(snapshot.table("fact_outage"), "PAR1 cut".getBytes(StandardCharsets.US_ASCII));

        assertThat(publisher.unreadable(snapshot))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .isEqualTo(snapshot.table("fact_outage")
                                + " is not a whole Parquet file (8 bytes, truncated or overwritten)"));
    }

    @Test
    void a_missing_table_makes_the_snapshot_unreadable() throws IOException {
        Snapshot snapshot = snapshot("s1");
        Files.delete(snapshot.table("dim_plant"));

        assertThat(publisher.unreadable(snapshot)).hasValue(snapshot.table("dim_plant") + " is missing");
    }

    @Test
    void what_a_reader_could_not_read_stays_unreadable_while_other_snapshots_are_not() throws IOException {
        Snapshot broken = snapshot("s1");
        publisher.markUnreadable(broken, "Invalid Input Error: bad page");

        assertThat(publisher.unreadable(broken)).hasValue("Invalid Input Error: bad page");
        assertThat(publisher.unreadable(snapshot("s2"))).isEmpty();
    }

    /** A snapshot folder whose tables have Parquet's header and footer (the check reads no further). */
    private Snapshot snapshot(String id) throws IOException {
        Path dir = Files.createDirectories(work.resolve("modeled/snapshots").resolve(id));
        Snapshot snapshot = new Snapshot(id, dir);
        for (String table : OutageModelBuilder.TABLES) {
            Files.write(snapshot.table(table), "PAR1\0\0\0\0\0\0\0\0PAR1".getBytes(StandardCharsets.US_ASCII));
        }
        return snapshot;
    }
}
