package io.github.eiaoutages.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.sample.EiaApiEmulator;
import io.github.eiaoutages.sample.SampleSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Gaps of a weekly dataset whose weeks EIA does not always label on the same weekday (holidays). */
@SuppressWarnings("unchecked")
class WeeklyGapsTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    private static final String WEEKLY = "gas-storage-weekly";
    /** Friday weeks EIA labelled on a holiday's Thursday or Saturday instead. */
    private static final Map<String, String> MOVED =
            Map.of("2025-03-07", "2025-03-06", "2025-05-16", "2025-05-15", "2025-06-06", "2025-06-07");

    private static final Set<String> MISSING = Set.of("2025-03-14", "2025-05-09", "2025-06-13");
    private static final String DATASET = """
            pipeline:
              datasets:
                gas-storage-weekly:
                  route: natural-gas/stor/wkly
                  frequency: weekly
                  start: 2025-01-03
                  expect-complete: true
                  data: [value]
                  facets:
                    process: [SWO]
                  key: [period, duoarea, process]
                  fields:
                    duoarea: string
                    area-name: string
                    process: string
                    process-name: string
                    value: double
            """;

    @TempDir
    Path work;

    @Test
    void a_week_missing_beside_a_week_labelled_on_another_weekday_is_a_gap_whose_labels_fetch_it_again()
            throws Exception {
        EiaApiEmulator.Route all = SampleSeries.gasStorageWeekly(
                Frequency.WEEKLY.parse("2025-01-03"), Frequency.WEEKLY.parse("2025-07-25"));
        List<Map<String, String>> relabelled =
                all.rows().stream().map(WeeklyGapsTest::moved).toList();
        EIA.serve(all.withRows(relabelled.stream()
                .filter(r -> !MISSING.contains(r.get("period")))
                .toList()));
        Path yaml = work.resolve("weekly.yaml");
        Files.writeString(yaml, DATASET);

        try (ConfigurableApplicationContext app =
                TestApps.start(EIA, work, "weekly-gaps-test", "--spring.config.additional-location=file:" + yaml)) {
            assertThat(TestApps.refreshAndWait(app, WEEKLY).get("status")).isEqualTo("succeeded");

            Map<?, ?> dataset = dataset(app);
            assertThat(dataset.get("gap_count")).isEqualTo(3);
            assertThat((List<Object>) dataset.get("gaps"))
                    .containsExactly(
                            Map.of("start", "2025-03-14", "end", "2025-03-14", "periods", 1),
                            Map.of("start", "2025-05-09", "end", "2025-05-09", "periods", 1),
                            Map.of("start", "2025-06-13", "end", "2025-06-13", "periods", 1));

            // EIA has the weeks now: each gap, passed back as listed, is fetched and stored.
            EIA.serve(all.withRows(relabelled));
            for (Object gap : (List<?>) dataset.get("gaps")) {
                Map<?, ?> range = (Map<?, ?>) gap;
                Map<?, ?> run = TestApps.post(
                        app,
                        "/refresh?wait=true&dataset=" + WEEKLY + "&start=" + range.get("start") + "&end="
                                + range.get("end"));
                assertThat(run.get("status")).as("re-fetch of %s: %s", gap, run).isEqualTo("succeeded");
                assertThat(((Map<?, ?>) ((Map<?, ?>) run.get("datasets")).get(WEEKLY)).get("rows_accepted"))
                        .as("rows of the week %s", range.get("start"))
                        .isEqualTo((int) relabelled.stream()
                                .filter(r -> r.get("period").equals(range.get("start")))
                                .count());
            }
            assertThat(dataset(app).get("gap_count")).isEqualTo(0);
        }
    }

    private static Map<String, String> moved(Map<String, String> row) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put("period", MOVED.getOrDefault(row.get("period"), row.get("period")));
        return copy;
    }

    private static Map<?, ?> dataset(ConfigurableApplicationContext app) {
        return ((List<?>) TestApps.get(app, "/datasets").get("data"))
                .stream()
                        .map(d -> (Map<?, ?>) d)
                        .filter(d -> d.get("id").equals(WEEKLY))
                        .findFirst()
                        .orElseThrow();
    }
}
