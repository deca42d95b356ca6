package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.duckdb.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB examples of the README, run as written against a model built from known rows. */
class ReadmeExamplesTest {

    @TempDir
    Path work;

    @Test
    void the_readme_analytics_queries_run_and_answer_what_they_promise() throws Exception {
        RawFiles.writeGeneratorRun(work.resolve("data"), "20250101T000000000Z", """
                ('2025-01-30','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-01-31','46','Browns Ferry','1',1200.0,1200.0,100.0),
                ('2025-02-01','46','Browns Ferry','1',1200.0,600.0,50.0),
                ('2025-02-02','46','Browns Ferry','1',1200.0,0.0,0.0),
                ('2025-01-30','204','Clinton','1',1000.0,0.0,0.0),
                ('2025-01-31','204','Clinton','1',1000.0,0.0,0.0),
                ('2025-02-01','204','Clinton','1',1000.0,500.0,50.0),
                ('2025-02-02','204','Clinton','1',1000.0,0.0,0.0)""");
        try (DuckDb duckDb = new DuckDb()) {
            SnapshotPublisher publisher = new SnapshotPublisher(
                    TestSettings.properties(work), new com.fasterxml.jackson.databind.ObjectMapper());
            TestModels.builder(TestSettings.properties(work), duckDb, publisher).build();
        }
        List<String> queries = sqlBlocks(Files.readString(Path.of("README.md")));
        assertThat(queries).hasSize(2);
        String modeled = work.resolve("modeled/current").toString() + "/";

        List<Map<String, Object>> topPlants = RawFiles.query(queries.get(0).replace("modeled/current/", modeled));
        assertThat(topPlants)
                .extracting(
                        r -> r.get("plant_name"),
                        r -> ((Number) r.get("outage_hours")).longValue(),
                        r -> ((Number) r.get("energy_lost_mwh")).doubleValue())
                .containsExactly(tuple("Browns Ferry", 72L, 72_000.0), tuple("Clinton", 24L, 12_000.0));

        List<Map<String, Object>> byMonth = RawFiles.query(queries.get(1).replace("modeled/current/", modeled));
        assertThat(byMonth)
                .extracting(
                        r -> r.get("month_name"),
                        r -> ((Number) r.get("events")).longValue(),
                        r -> ((Number) r.get("outage_hours")).longValue())
                .containsExactly(tuple("January", 1L, 72L), tuple("February", 1L, 24L));
    }

    private static List<String> sqlBlocks(String markdown) {
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1).strip().replaceAll(";$", ""));
        }
        return blocks;
    }
}
