package io.github.eiaoutages.period;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.sample.EiaApiEmulator;
import io.github.eiaoutages.sample.SampleSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's example datasets, one per EIA period shape, exactly as the README prints them: each backfills,
 * then asks only for its newest periods (in its own format) and stores nothing new, then stores a revision.
 */
class ExampleDatasetsTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void every_period_shape_backfills_then_asks_only_for_its_newest_periods_and_then_stores_a_revision()
            throws Exception {
        Map<String, Map<String, Object>> examples = readmeExamples();
        assertThat(examples.keySet())
                .containsExactly(
                        "region-data",
                        "fuel-type-local-hourly",
                        "power-operational-monthly",
                        "gas-storage-weekly",
                        "steo-quarterly",
                        "co2-annual");
        Map<String, EiaApiEmulator.Route> served = new LinkedHashMap<>();
        served.put("region-data", SampleSeries.regionData(hourly("2026-11-01T00"), hourly("2026-11-03T23")));
        served.put(
                "fuel-type-local-hourly",
                SampleSeries.fuelTypeLocalHourly(
                        Frequency.LOCAL_HOURLY.parse("2026-10-30T00-05"),
                        Frequency.LOCAL_HOURLY.parse("2026-11-02T23-06")));
        served.put(
                "power-operational-monthly",
                SampleSeries.powerOperationalMonthly(
                        Frequency.MONTHLY.parse("2024-01"), Frequency.MONTHLY.parse("2025-06")));
        served.put(
                "gas-storage-weekly",
                SampleSeries.gasStorageWeekly(
                        Frequency.WEEKLY.parse("2024-01-05"), Frequency.WEEKLY.parse("2025-06-27")));
        served.put(
                "steo-quarterly",
                SampleSeries.steoQuarterly(Frequency.QUARTERLY.parse("2023-Q1"), Frequency.QUARTERLY.parse("2027-Q4")));
        // Up to last year, as EIA publishes it: a freshly added annual dataset must not be stale at once.
        Period lastYear = Frequency.ANNUAL.containing(Instant.now(), null).plus(-1);
        served.put("co2-annual", SampleSeries.co2Annual(Frequency.ANNUAL.parse("2015"), lastYear));
        served.values().forEach(EIA::serve);
        Path yaml = work.resolve("examples.yaml");
        Files.writeString(yaml, readmeBlock());

        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "example-datasets-test",
                "--spring.config.additional-location=file:" + yaml,
                "--pipeline.eia.page-size=500")) {
            for (String id : examples.keySet()) {
                Map<?, ?> run = TestApps.refreshAndWait(app, id);
                assertThat(run.get("status")).as("backfill of %s: %s", id, run).isEqualTo("succeeded");
                List<Map<String, String>> expected = matching(served.get(id), examples.get(id));
                assertThat(counts(run, id).get("rows_accepted")).as(id).isEqualTo(expected.size());
                assertThat(counts(run, id).get("rows_quarantined")).as(id).isEqualTo(0);
                assertStoredExactly(id, served.get(id), examples.get(id), expected);
            }

            EIA.reset();
            for (String id : examples.keySet()) {
                Map<?, ?> run = TestApps.refreshAndWait(app, id);
                assertThat(run.get("status"))
                        .as("incremental run of %s: %s", id, run)
                        .isEqualTo("succeeded");
                assertThat(counts(run, id).get("rows_accepted")).as(id).isEqualTo(0);
                EiaApiEmulator.Route route = served.get(id);
                List<LoggedRequest> requests =
                        EIA.server().findAll(getRequestedFor(urlPathEqualTo("/v2/" + route.name() + "/data/")));
                assertThat(requests)
                        .as("requests of the unchanged run of %s", id)
                        .hasSizeBetween(1, 2);
                // Counted back from the newest stored period, or from now for forecasts that run ahead of it.
                Period newest = newest(route, examples.get(id));
                Period current = route.frequency().containing(Instant.now(), newest);
                newest = newest.isAfter(current) ? current : newest;
                int lookBack = ((Number) examples.get(id)
                                .getOrDefault("look-back", route.frequency().defaultLookBack()))
                        .intValue();
                // In the dataset's own format; a local hour may be written in any respondent's offset (same instant).
                String start = requests.get(0).queryParameter("start").firstValue();
                assertThat(route.frequency().parse(start).label())
                        .as("start of %s", id)
                        .isEqualTo(start);
                assertThat(route.frequency().parse(start))
                        .as("start of %s", id)
                        .isEqualByComparingTo(newest.plus(-lookBack));
                assertThat(requests.get(0).queryParameter("end").isPresent())
                        .as("an incremental run is open-ended")
                        .isFalse();
                assertThat(requests.get(0).queryParameter("frequency").firstValue())
                        .isEqualTo(route.frequency().eiaName());
            }

            for (String id : examples.keySet()) {
                EiaApiEmulator.Route route = served.get(id);
                List<Map<String, String>> rows = new ArrayList<>(route.rows());
                Map<String, String> last = matching(route, examples.get(id))
                        .get(matching(route, examples.get(id)).size() - 1);
                rows.set(rows.indexOf(last), EiaStub.revised(last, valueColumn(examples.get(id)), "12345.5"));
                EIA.serve(route.withRows(rows));
                Map<?, ?> run = TestApps.refreshAndWait(app, id);
                assertThat(run.get("status"))
                        .as("revision run of %s: %s", id, run)
                        .isEqualTo("succeeded");
                assertThat(counts(run, id))
                        .as(id)
                        .containsEntry("rows_accepted", 1)
                        .containsEntry("rows_revised", 1);
            }

            Map<?, ?> health = TestApps.get(app, "/actuator/health");
            Map<?, ?> datasets = (Map<?, ?>) ((Map<?, ?>)
                            ((Map<?, ?>) ((Map<?, ?>) health.get("components")).get("pipeline")).get("details"))
                    .get("datasets");
            assertThat(((Map<?, ?>) datasets.get("power-operational-monthly")).get("newest_period"))
                    .isEqualTo("2025-06");
            assertThat(((Map<?, ?>) datasets.get("steo-quarterly")).get("newest_period"))
                    .isEqualTo("2027-Q4");
            assertThat(((Map<?, ?>) datasets.get("co2-annual")).get("newest_period"))
                    .isEqualTo(lastYear.label());
            // Age counts from the end of the newest period: last year ended this January 1, within an annual 500
            // days; a month that ended long ago is stale at 75 days.
            assertThat(((Map<?, ?>) datasets.get("co2-annual")).get("freshness"))
                    .isEqualTo("fresh");
            assertThat(((Map<?, ?>) datasets.get("power-operational-monthly")).get("freshness"))
                    .isEqualTo("stale");
            assertThat(((Map<?, ?>) datasets.get("steo-quarterly")).get("freshness"))
                    .isEqualTo("fresh");
            assertThat(((Map<?, ?>) datasets.get("region-data")).get("newest_period"))
                    .isEqualTo("2026-11-03T23");
        }
    }

    @Test
    void the_local_hour_that_comes_twice_on_the_dst_fall_back_day_is_stored_as_two_hours() throws Exception {
        // ERCO's clock goes back on 2026-11-01: 01:00 CDT (-05) and then 01:00 CST (-06).
        EiaApiEmulator.Route all = SampleSeries.fuelTypeLocalHourly(
                Frequency.LOCAL_HOURLY.parse("2026-11-01T00-05"), Frequency.LOCAL_HOURLY.parse("2026-11-01T03-06"));
        List<Map<String, String>> rows = all.rows().stream()
                .filter(r ->
                        r.get("respondent").equals("ERCO") && r.get("fueltype").equals("NUC"))
                .toList();
        assertThat(rows)
                .extracting(r -> r.get("period"))
                .containsExactly(
                        "2026-11-01T00-05",
                        "2026-11-01T01-05",
                        "2026-11-01T01-06",
                        "2026-11-01T02-06",
                        "2026-11-01T03-06");
        EIA.serve(all);
        Map<String, Object> entry = readmeExamples().get("fuel-type-local-hourly");
        Path yaml = work.resolve("dst.yaml");
        Files.writeString(
                yaml,
                new Yaml()
                        .dump(Map.of(
                                "pipeline",
                                Map.of(
                                        "datasets",
                                        Map.of("fuel-type-local-hourly", withStart(entry, "2026-11-01T00-05"))))));

        try (ConfigurableApplicationContext app =
                TestApps.start(EIA, work, "dst-test", "--spring.config.additional-location=file:" + yaml)) {
            Map<?, ?> run = TestApps.refreshAndWait(app, "fuel-type-local-hourly");

            // 5 hours of 2 respondents and 4 energy sources: no conflict, nothing quarantined, nothing merged.
            assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
            assertThat(counts(run, "fuel-type-local-hourly"))
                    .containsEntry("rows_accepted", 40)
                    .containsEntry("rows_quarantined", 0)
                    .containsEntry("rows_revised", 0)
                    .containsEntry("conflicts", 0);
        }
        List<Map<String, Object>> stored =
                RawFiles.committedRows(work.resolve("data"), "fuel-type-local-hourly").stream()
                        .filter(r -> r.get("respondent").equals("ERCO")
                                && r.get("fueltype").equals("NUC"))
                        .toList();
        assertThat(stored)
                .extracting(r -> ((OffsetDateTime) r.get("period")).toInstant())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(
                        Instant.parse("2026-11-01T05:00:00Z"),
                        Instant.parse("2026-11-01T06:00:00Z"),
                        Instant.parse("2026-11-01T07:00:00Z"),
                        Instant.parse("2026-11-01T08:00:00Z"),
                        Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(stored)
                .extracting(r -> r.get("period_label"))
                .containsExactlyInAnyOrder(
                        "2026-11-01T00-05",
                        "2026-11-01T01-05",
                        "2026-11-01T01-06",
                        "2026-11-01T02-06",
                        "2026-11-01T03-06");
    }

    /** The stored rows are the served rows the entry's facets select: typed period, label as sent, key values. */
    private void assertStoredExactly(
            String id, EiaApiEmulator.Route route, Map<String, Object> entry, List<Map<String, String>> expected)
            throws Exception {
        List<Map<String, Object>> stored = RawFiles.committedRows(work.resolve("data"), id);
        @SuppressWarnings("unchecked")
        List<String> key = (List<String>) entry.get("key");
        List<String> storedKeys = new ArrayList<>();
        for (Map<String, Object> row : stored) {
            Object period = row.get("period");
            Period fromLabel = route.frequency().parse((String) row.get("period_label"));
            if (route.frequency().hourly()) {
                assertThat(((OffsetDateTime) period).toInstant())
                        .as("%s period of %s", id, row)
                        .isEqualTo(fromLabel.start());
            } else {
                assertThat(period)
                        .as("%s period is a DATE, the period's first day", id)
                        .isInstanceOf(LocalDate.class);
                assertThat(period).isEqualTo(fromLabel.firstDay());
            }
            storedKeys.add(keyOf(
                    key,
                    name -> name.equals("period")
                            ? (String) row.get("period_label")
                            : String.valueOf(row.get(columnOf(name)))));
        }
        List<String> servedKeys = expected.stream().map(r -> keyOf(key, r::get)).toList();
        assertThat(storedKeys).as(id).containsExactlyInAnyOrderElementsOf(servedKeys);
    }

    private static String keyOf(List<String> key, java.util.function.Function<String, String> value) {
        StringBuilder text = new StringBuilder();
        key.forEach(k -> text.append(value.apply(k)).append('|'));
        return text.toString();
    }

    private static String columnOf(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toLowerCase();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> matching(EiaApiEmulator.Route route, Map<String, Object> entry) {
        Map<String, List<Object>> facets = (Map<String, List<Object>>) entry.getOrDefault("facets", Map.of());
        Predicate<Map<String, String>> selected = row -> facets.entrySet().stream()
                .allMatch(
                        f -> f.getValue().stream().map(String::valueOf).toList().contains(row.get(f.getKey())));
        return route.rows().stream().filter(selected).toList();
    }

    private static Period newest(EiaApiEmulator.Route route, Map<String, Object> entry) {
        return matching(route, entry).stream()
                .map(r -> route.frequency().parse(r.get("period")))
                .max(Period::compareTo)
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String valueColumn(Map<String, Object> entry) {
        return ((List<String>) entry.get("data")).get(0);
    }

    private static Map<String, Object> withStart(Map<String, Object> entry, String start) {
        Map<String, Object> copy = new LinkedHashMap<>(entry);
        copy.put("start", start);
        return copy;
    }

    private static Period hourly(String label) {
        return Frequency.HOURLY.parse(label);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<?, ?> run, String dataset) {
        return ((Map<String, Map<String, Object>>) run.get("datasets")).get(dataset);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readmeExamples() throws Exception {
        Map<String, Object> root = new Yaml().load(readmeBlock());
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("pipeline")).get("datasets");
    }

    /** The first ```yaml block of the README's "Add an EIA dataset" section, as printed. */
    private static String readmeBlock() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Add an EIA dataset"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        return section.substring(start, section.indexOf("```", start));
    }
}
