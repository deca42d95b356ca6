package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import io.github.eiaoutages.RawFiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conflicting duplicates never decide the model by arrival order: whatever order the rows and pages come in (rows
 * shuffled, weekly windows fetched four at a time), the conflicting key is quarantined and fact_outage is the same.
 */
@OwnLiveAppTest.Settings({
    "pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
    "pipeline.datasets.generator-nuclear-outages.window-days=7",
    "pipeline.eia.max-concurrent-requests=4",
    // ~100 weekly windows up to today, nearly all empty: at the usual 50 requests/s each run would wait 2 s for them.
    "pipeline.eia.requests-per-second=1000"
})
class ConflictOrderTest extends OwnLiveAppTest {

    private static final AtomicReference<List<Map<String, Object>>> FIRST = new AtomicReference<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void the_model_is_the_same_whatever_order_conflicting_rows_arrive_in(int seed) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : EiaStub.generatorRows(3 * 21, LocalDate.of(2025, 1, 1))) {
            // Outages on days 3-6 and 10-12 of each unit, so events end and begin around the conflicting day.
            int day = LocalDate.parse(row.get("period")).getDayOfMonth();
            boolean out = (day >= 3 && day <= 6) || (day >= 10 && day <= 12);
            rows.add(EiaStub.revised(
                    EiaStub.revised(row, "outage", out ? "1242" : "0"), "percentOutage", out ? "99" : "0"));
        }
        Map<String, String> conflicting = rows.stream()
                .filter(r -> r.get("period").equals("2025-01-05")
                        && r.get("generator").equals("2"))
                .findFirst()
                .orElseThrow();
        rows.add(EiaStub.revised(EiaStub.revised(conflicting, "outage", "0"), "percentOutage", "0"));
        Collections.shuffle(rows, new Random(seed));
        EIA.serveGenerator(rows);

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat(counts(run, GENERATOR))
                .containsEntry("conflicts", 1)
                .containsEntry("rows_quarantined", 2)
                .containsEntry("rows_accepted", 62);
        assertThat(stored(GENERATOR))
                .noneMatch(r -> r.get("period").toString().equals("2025-01-05")
                        && r.get("generator").equals("2"));
        List<Map<String, Object>> facts = RawFiles.query(
                "SELECT * FROM '" + modeledDir().resolve("current/fact_outage.parquet") + "' ORDER BY outage_id");
        assertThat(facts).isNotEmpty();
        FIRST.compareAndSet(null, facts);
        assertThat(facts).as("fact_outage with seed %d", seed).isEqualTo(FIRST.get());
    }
}
