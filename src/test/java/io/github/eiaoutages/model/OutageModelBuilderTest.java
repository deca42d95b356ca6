package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Path;
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
        duckDb = new DuckDb();
        publisher = new SnapshotPublisher(properties, new com.fasterxml.jackson.databind.ObjectMapper());
        builder = TestModels.builder(properties, duckDb, publisher);
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
        assertThat(events)
                .extracting(e -> e.get("outage_id"))
                .containsExactly("46-1-20250101", "46-1-20250105", "46-2-20250106");
        Map<String, Object> first = events.get(0);
        assertThat(first.get("start_ts").toString()).startsWith("2025-01-01");
        assertThat(first.get("end_ts").toString()).startsWith("2025-01-04");
        assertThat(first)
                .containsEntry("duration_hours", 72)
                .containsEntry("duration_days", 3)
                .containsEntry("peak_outage_mw", 1200.0)
                .containsEntry("avg_outage_mw", 1000.0)
                .containsEntry("energy_lost_mwh", 72_000.0)
                .containsEntry("is_ongoing", false)
                .containsEntry("start_date_key", 20250101);
        Map<String, Object> second = events.get(1);
        assertThat(second.get("end_ts").toString()).startsWith("2025-01-07");
        assertThat(second)
                .containsEntry("duration_hours", 48)
                .containsEntry("capacity_mw", 1210.0)
                .containsEntry("is_ongoing", false);
        Map<String, Object> open = events.get(2);
        assertThat(open.get("end_ts").toString()).startsWith("2025-01-08");
        assertThat(open)
                .containsEntry("duration_hours", 48)
                .containsEntry("energy_lost_mwh", 1650.0 * 24)
                .containsEntry("is_ongoing", true);

        assertThat(table("dim_date", "date_key"))
                .extracting(d -> d.get("date_key"))
                .containsExactly(20250101, 20250102, 20250103, 20250104, 20250105, 20250106, 20250107);
        List<Map<String, Object>> plants = table("dim_plant", "plant_key");
        assertThat(plants).hasSize(2);
        assertThat(plants.get(0))
                .containsEntry("facility_id", "46")
                .containsEntry("generator_id", "1")
                .containsEntry("plant_name", "Browns Ferry")
                .containsEntry("capacity_mw", 1210.0);
        assertThat(build.rows())
                .containsEntry("fact_outage", 3L)
                .containsEntry("dim_date", 7L)
                .containsEntry("dim_plant", 2L);
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

        assertThat(table("fact_outage", "outage_id"))
                .extracting(e -> e.get("outage_id"))
                .containsExactly("46-1-20250101");
        assertThat(table("fact_outage", "outage_id").get(0)).containsEntry("duration_days", 3);
        Map<Object, Object> keysAfter = plantKeys();
        assertThat(keysAfter).containsAllEntriesOf(keysBefore).hasSize(3);
        assertThat(keysAfter.get("10/1")).isEqualTo(3);
        assertThat(builder.isBehind()).isFalse();
    }

    @Test
    void tables_have_exactly_the_contract_columns_with_parquet_logical_types() throws Exception {
        commitRun("20250101T000000000Z", "('2025-01-01','46','Browns Ferry','1',1200.0,600.0,50.0)");
        builder.build();

        assertThat(columns("dim_plant"))
                .containsExactly(
                        "plant_key INTEGER",
                        "facility_id VARCHAR",
                        "plant_name VARCHAR",
                        "generator_id VARCHAR",
                        "unit_name VARCHAR",
                        "capacity_mw DOUBLE",
                        "first_period DATE",
                        "last_period DATE");
        assertThat(columns("dim_date"))
                .containsExactly(
                        "date_key INTEGER",
                        "date DATE",
                        "year INTEGER",
                        "quarter INTEGER",
                        "month INTEGER",
                        "month_name VARCHAR",
                        "day INTEGER",
                        "day_of_week INTEGER",
                        "day_name VARCHAR",
                        "is_weekend BOOLEAN");
        assertThat(columns("fact_outage"))
                .containsExactly(
                        "outage_key BIGINT",
                        "outage_id VARCHAR",
                        "plant_key INTEGER",
                        "start_date_key INTEGER",
                        "start_ts TIMESTAMP",
                        "end_ts TIMESTAMP",
                        "duration_hours INTEGER",
                        "duration_days INTEGER",
                        "peak_outage_mw DOUBLE",
                        "avg_outage_mw DOUBLE",
                        "energy_lost_mwh DOUBLE",
                        "avg_percent_outage DOUBLE",
                        "capacity_mw DOUBLE",
                        "is_ongoing BOOLEAN",
                        "end_confirmed BOOLEAN");
    }

    /** Jan 1 is the generator's first day and already in outage; Jan 3 is a one-day event. */
    @Test
    void an_event_on_the_first_day_and_a_one_day_event() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-03','46','Browns Ferry','1',1200.0,300.0,25.0),
                ('2025-01-04','46','Browns Ferry','1',1200.0,0.0,0.0)""");
        builder.build();

        List<Map<String, Object>> events = table("fact_outage", "outage_id");
        assertThat(events).extracting(e -> e.get("outage_id")).containsExactly("46-1-20250101", "46-1-20250103");
        assertThat(events.get(0)).containsEntry("duration_days", 1).containsEntry("start_date_key", 20250101);
        assertThat(events.get(1))
                .containsEntry("duration_hours", 24)
                .containsEntry("duration_days", 1)
                .containsEntry("peak_outage_mw", 300.0)
                .containsEntry("avg_outage_mw", 300.0)
                .containsEntry("energy_lost_mwh", 7200.0)
                .containsEntry("avg_percent_outage", 25.0)
                .containsEntry("is_ongoing", false);
        assertThat(events.get(1).get("start_ts").toString()).startsWith("2025-01-03 00:00");
        assertThat(events.get(1).get("end_ts").toString()).startsWith("2025-01-04 00:00");
    }

    /** A day with outage null, or no row at all, ends an event as a day with outage 0 does. */
    @Test
    void a_null_outage_or_a_missing_day_ends_an_event() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,NULL,NULL),
                ('2025-01-03','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-05','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-06','46','Browns Ferry','1',1200.0,0.0,0.0)""");
        builder.build();

        assertThat(table("fact_outage", "outage_id"))
                .extracting(e -> e.get("outage_id"), e -> e.get("duration_days"), e -> e.get("end_confirmed"))
                // Only a day with outage 0 after the last confirms the end; null and missing days may be late rows.
                .containsExactly(
                        tuple("46-1-20250101", 1, false),
                        tuple("46-1-20250103", 1, false),
                        tuple("46-1-20250105", 1, true));
        assertThat(table("dim_date", "date_key")).hasSize(6);
    }

    /** A later run revises Jan 3 of a Jan 2-4 outage to 0: one event becomes two. */
    @Test
    void a_revision_to_zero_splits_an_event_in_two() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-03','46','Browns Ferry','1',1200.0,600.0,50.0),
                ('2025-01-04','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-05','46','Browns Ferry','1',1200.0,0.0,0.0)""");
        builder.build();
        assertThat(table("fact_outage", "outage_id"))
                .extracting(e -> e.get("outage_id"))
                .containsExactly("46-1-20250102");
        commitRun("20250102T000000000Z", "('2025-01-03','46','Browns Ferry','1',1200.0,0.0,0.0)");

        builder.build();

        List<Map<String, Object>> events = table("fact_outage", "outage_id");
        assertThat(events).extracting(e -> e.get("outage_id")).containsExactly("46-1-20250102", "46-1-20250104");
        assertThat(events).extracting(e -> e.get("energy_lost_mwh")).containsExactly(28_800.0, 28_800.0);
        // The event that kept its natural id keeps its key.
        assertThat(events.get(0).get("outage_key")).isEqualTo(outageKeyOf("46-1-20250102"));
    }

    /**
     * Unit 2 starts reporting on Jan 3 (mid-range) while unit 1 reports from Jan 1; the plant is renamed on
     * Jan 4 and the newest name wins; unit 2's capacity rises inside its Jan 3-5 outage.
     */
    @Test
    void a_generator_appearing_mid_range_a_renamed_plant_and_capacity_changing_inside_an_event() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','204','Clinton Power Station','1',1060.0,0.0,0.0),
                ('2025-01-02','204','Clinton Power Station','1',1060.0,0.0,0.0),
                ('2025-01-03','204','Clinton Power Station','1',1060.0,0.0,0.0),
                ('2025-01-04','204','Clinton','1',1060.0,0.0,0.0),
                ('2025-01-05','204','Clinton','1',1060.0,0.0,0.0),
                ('2025-01-03','204','Clinton Power Station','2',1000.0,1000.0,100.0),
                ('2025-01-04','204','Clinton','2',1100.0,1100.0,100.0),
                ('2025-01-05','204','Clinton','2',1150.0,575.0,50.0)""");
        builder.build();

        List<Map<String, Object>> plants = table("dim_plant", "generator_id");
        assertThat(plants).extracting(p -> p.get("plant_name")).containsOnly("Clinton");
        assertThat(plants.get(0)).containsEntry("unit_name", "Clinton Unit 1");
        assertThat(plants.get(1).get("first_period").toString()).isEqualTo("2025-01-03");
        assertThat(plants.get(1).get("last_period").toString()).isEqualTo("2025-01-05");
        assertThat(plants.get(1)).containsEntry("capacity_mw", 1150.0);
        List<Map<String, Object>> events = table("fact_outage", "outage_id");
        assertThat(events).hasSize(1);
        assertThat(events.get(0))
                .containsEntry("outage_id", "204-2-20250103")
                .containsEntry("capacity_mw", 1150.0)
                .containsEntry("peak_outage_mw", 1100.0)
                .containsEntry("avg_outage_mw", 891.667)
                .containsEntry("energy_lost_mwh", 2675.0 * 24)
                .containsEntry("avg_percent_outage", 83.33)
                .containsEntry("is_ongoing", true)
                .containsEntry("plant_key", plants.get(1).get("plant_key"));
        assertThat(table("dim_date", "date_key"))
                .extracting(d -> d.get("date_key"))
                .containsExactly(20250101, 20250102, 20250103, 20250104, 20250105);
    }

    @Test
    void quality_checks_pass_on_a_consistent_model_and_skip_what_has_no_data() throws Exception {
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,0.0,0.0)""");

        ModelBuild build = builder.build();

        assertThat(build.checks())
                .extracting(QualityCheck::name, QualityCheck::status)
                .containsExactly(
                        tuple("no_overlapping_events", "passed"), tuple("foreign_keys_resolve", "passed"),
                        tuple("keys_unique", "passed"), tuple("dim_date_no_gaps", "passed"),
                        tuple("facility_totals_match", "skipped"), tuple("national_totals_match", "skipped"));
        assertThat(build.degraded()).isFalse();
        assertThat(publisher.quality(publisher.current().orElseThrow())).isEqualTo(build.checks());
    }

    /** Browns Ferry's facility figure disagrees with its units on Jan 2 only (by 0.2 MW; 0.05 MW is rounding). */
    @Test
    void facility_and_national_totals_that_disagree_with_the_generators_are_reported_by_day() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        builder = TestModels.builder(properties, duckDb, publisher);
        commitRun("20250101T000000000Z", """
                ('2025-01-01','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-01','46','Browns Ferry','2',1100.0,100.0,9.0),
                ('2025-01-02','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-02','46','Browns Ferry','2',1100.0,100.0,9.0),
                ('2025-01-03','46','Browns Ferry','1',1200.0,0.0,0.0)""");
        writeRun(
                "facility-nuclear-outages",
                "SELECT period::DATE AS period, facility, outage::DOUBLE AS outage, "
                        + "'r1' AS _run_id, 1::BIGINT AS _row_fp FROM (VALUES ('2025-01-01','46',1300.05), ('2025-01-02','46',100.2),"
                        + " ('2025-01-03','46',0.0), ('2025-01-03','99',500.0)) AS t(period, facility, outage)");
        writeRun(
                "us-nuclear-outages",
                "SELECT period::DATE AS period, 2500.0 AS capacity, outage::DOUBLE AS outage, "
                        + "outage / 25.0 AS percent_outage, 'r1' AS _run_id, 1::BIGINT AS _row_fp FROM (VALUES ('2025-01-01',1300.0), "
                        + "('2025-01-02',100.0), ('2025-01-03',7.5), ('2025-01-04',1.0)) AS t(period, outage)");

        ModelBuild build = builder.build();

        assertThat(build.degraded()).isTrue();
        QualityCheck facility = build.checks().get(4);
        assertThat(facility.name()).isEqualTo("facility_totals_match");
        assertThat(facility.status()).isEqualTo("failed");
        assertThat(facility.failures()).isEqualTo(1);
        assertThat(facility.examples())
                .containsExactly(
                        "2025-01-02 facility 46: generators sum to 100.0 MW, the facility dataset says 100.2 MW");
        QualityCheck national = build.checks().get(5);
        assertThat(national.status()).isEqualTo("failed");
        assertThat(national.examples())
                .containsExactly("2025-01-03: generators sum to 0.0 MW, the national dataset says 7.5 MW");
        assertThat(publisher.current()).isPresent();
    }

    @Test
    void a_failed_build_leaves_the_previous_snapshot_live_and_no_half_built_folder() throws Exception {
        commitRun("20250101T000000000Z", "('2025-01-01','46','Browns Ferry','1',1200.0,600.0,50.0)");
        String live = builder.build().snapshotId();
        Path broken = work.resolve("data/raw/generator-nuclear-outages/run=20250102T000000000Z");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("part-00001.parquet"), "not parquet");
        java.nio.file.Files.writeString(broken.resolve("_manifest.json"), "{}");

        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .hasMessageStartingWith("Building the model failed; the previous snapshot stays live:");

        assertThat(publisher.current().orElseThrow().id()).isEqualTo(live);
        try (var entries = java.nio.file.Files.list(work.resolve("modeled/snapshots"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(live);
        }
    }

    @Test
    void only_the_newest_three_snapshots_stay_on_disk_and_current_points_at_the_newest() throws Exception {
        commitRun("20250101T000000000Z", "('2025-01-01','46','Browns Ferry','1',1200.0,600.0,50.0)");
        List<String> built = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            built.add(builder.build().snapshotId());
        }

        try (var entries = java.nio.file.Files.list(work.resolve("modeled/snapshots"))) {
            assertThat(entries.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(built.subList(2, 5));
        }
        assertThat(publisher.current().orElseThrow().id()).isEqualTo(built.get(4));
    }

    private List<String> columns(String table) throws Exception {
        Path file = publisher.current().orElseThrow().table(table);
        return RawFiles.query("DESCRIBE SELECT * FROM read_parquet('" + file + "')").stream()
                .map(c -> c.get("column_name") + " " + c.get("column_type"))
                .toList();
    }

    private Object outageKeyOf(String outageId) throws Exception {
        return RawFiles.query("SELECT (md5_number_lower('" + outageId + "') >> 1)::BIGINT AS k")
                .get(0)
                .get("k");
    }

    private void writeRun(String dataset, String select) throws Exception {
        RawFiles.writeRun(work.resolve("data"), dataset, "20250101T000000000Z", select);
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

    private void commitRun(String runId, String values) throws Exception {
        RawFiles.writeGeneratorRun(work.resolve("data"), runId, values);
    }
}
