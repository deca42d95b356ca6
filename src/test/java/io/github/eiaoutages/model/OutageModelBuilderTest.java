package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.raw.RawKeyRepository;
import io.github.eiaoutages.raw.RawStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The star schema against hand-computed expectations. */
class OutageModelBuilderTest {

    @TempDir
    Path work;

    private DuckDb duckDb;
    private OutageModelBuilder builder;
    private SnapshotPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        DatasetCatalog datasets = new DatasetCatalog(properties);
        duckDb = new DuckDb();
        publisher = new SnapshotPublisher(properties);
        builder = new OutageModelBuilder(duckDb, new RawStore(properties, datasets, new RawKeyRepository(), duckDb, new ObjectMapper()),
                datasets, publisher);
    }

    @AfterEach
    void tearDown() throws Exception {
        duckDb.close();
    }

    /**
     * Generator 46/1: out Jan 1-3, running Jan 4, out Jan 5-6, running Jan 7 - two events.
     * Generator 46/2: running until Jan 5, out Jan 6-7, and Jan 7 is the newest day - an ongoing event.
     */
    @Test
    void two_outages_split_by_one_running_day_and_one_still_open_on_the_last_day() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,600.0,50.0),
                ('2025-01-03','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-04','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-05','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-06','46','Browns Ferry','1',1210.0,1210.0,100.0),
                ('2025-01-07','46','Browns Ferry','1',1210.0,0.0,0.0),
                ('2025-01-05','46','Browns Ferry','2',1100.0,0.0,0.0),
                ('2025-01-06','46','Browns Ferry','2',1100.0,550.0,50.0),
                ('2025-01-07','46','Browns Ferry','2',1100.0,1100.0,100.0)""");

        ModelBuild build = builder.build();

        List<Map<String, Object>> events = table("fact_outage", "outage_id");
        assertThat(events).extracting(e -> e.get("outage_id"))
                .containsExactly("46-1-20250101", "46-1-20250105", "46-2-20250106");
        Map<String, Object> first = events.get(0);
        assertThat(first.get("start_ts").toString()).startsWith("2025-01-01");
        assertThat(first.get("end_ts").toString()).startsWith("2025-01-04");
        assertThat(first).containsEntry("duration_hours", 72).containsEntry("duration_days", 3)
                .containsEntry("peak_outage_mw", 1200.0).containsEntry("avg_outage_mw", 1000.0)
                .containsEntry("energy_lost_mwh", 72_000.0).containsEntry("is_ongoing", false)
                .containsEntry("start_date_key", 20250101);
        Map<String, Object> second = events.get(1);
        assertThat(second.get("end_ts").toString()).startsWith("2025-01-07");
        assertThat(second).containsEntry("duration_hours", 48).containsEntry("capacity_mw", 1210.0)
                .containsEntry("is_ongoing", false);
        Map<String, Object> open = events.get(2);
        assertThat(open.get("end_ts").toString()).startsWith("2025-01-08");
        assertThat(open).containsEntry("duration_hours", 48).containsEntry("energy_lost_mwh", 1650.0 * 24)
                .containsEntry("is_ongoing", true);

        assertThat(table("dim_date", "date_key")).extracting(d -> d.get("date_key"))
                .containsExactly(20250101, 20250102, 20250103, 20250104, 20250105, 20250106, 20250107);
        List<Map<String, Object>> plants = table("dim_plant", "plant_key");
        assertThat(plants).hasSize(2);
        assertThat(plants.get(0)).containsEntry("facility_id", "46").containsEntry("generator_id", "1")
                .containsEntry("plant_name", "Browns Ferry").containsEntry("capacity_mw", 1210.0);
        assertThat(build.rows()).containsEntry("fact_outage", 3L).containsEntry("dim_date", 7L).containsEntry("dim_plant", 2L);
    }

    @Test
    void a_revision_of_the_running_day_merges_two_events_and_plant_keys_stay() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-03','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-03','99','Another Plant','1',900.0,0.0,0.0)""");
        builder.build();
        Map<Object, Object> keysBefore = plantKeys();
        commitRun("20250102T000000000Z", """
                ('2025-01-02','46','Browns Ferry','1',1200.0,300.0,25.0),
                ('2025-01-03','10','New Plant','1',800.0,0.0,0.0)""");

        assertThat(builder.isBehind()).isTrue();
        builder.build();

        assertThat(table("fact_outage", "outage_id")).extracting(e -> e.get("outage_id")).containsExactly("46-1-20250101");
        assertThat(table("fact_outage", "outage_id").get(0)).containsEntry("duration_days", 3);
        Map<Object, Object> keysAfter = plantKeys();
        assertThat(keysAfter).containsAllEntriesOf(keysBefore).hasSize(3);
        assertThat(keysAfter.get("10/1")).isEqualTo(3);
        assertThat(builder.isBehind()).isFalse();
    }

    private Map<Object, Object> plantKeys() throws Exception {
        Map<Object, Object> keys = new java.util.HashMap<>();
        for (Map<String, Object> plant : table("dim_plant", "plant_key")) {
            keys.put(plant.get("facility_id") + "/" + plant.get("generator_id"), plant.get("plant_key"));
        }
        return keys;
    }

    private List<Map<String, Object>> table(String name, String orderBy) throws Exception {
        Path file = publisher.current().orElseThrow().table(name);
        return RawFiles.query("SELECT * FROM read_parquet('" + file + "') ORDER BY " + orderBy);
    }

    /** Writes a committed raw run the way the ingest routes leave one: run=<id>/part-*.parquet + manifest. */
    private void commitRun(String runId, String values) throws Exception {
        Path run = work.resolve("data/raw/generator-nuclear-outages/run=" + runId);
        Files.createDirectories(run);
        try (Connection c = duckDb.connect(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT period::DATE AS period, facility, facility_name, generator, capacity::DOUBLE AS capacity, outage::DOUBLE AS outage, percent_outage::DOUBLE AS percent_outage, '"
                    + runId + "' AS _run_id, (hash(period, facility, generator, outage) >> 1)::BIGINT AS _row_fp, "
                    + "(hash(period, facility, generator) >> 1)::BIGINT AS _key_fp FROM (VALUES "
                    + values + ") AS t(period, facility, facility_name, generator, capacity, outage, percent_outage)) TO '"
                    + run.resolve("part-00001.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(run.resolve("_manifest.json"), "{}");
    }
}
