package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SyntheticOutages;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.model.TestModels;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query plans of the API on a model big enough (about 115,000 events) that their size thresholds are crossed,
 * against plain passes over all events; the sample data behind the API tests is too small to reach most of them.
 * Every plan of {@link EventFilter} - few candidates sorted or marked in a bitmap, the ongoing index, a narrow
 * start-day slice, a broad filter counted from index sizes or by a pass, pages found by sorting ranks or by walking
 * the sort order - and the monthly totals, which add up whole months ahead of time and cut months event by event.
 */
class BigModelQueriesTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2007, 1, 1);
    private static final int DAYS = 2000;

    @TempDir
    static Path work;

    private static DuckDb duckDb;
    private static ServingTable t;
    private static ServingIndex ix;
    private static OutageQueries queries;

    @BeforeAll
    static void loadBigModel() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        // 80 plants of 3 units: "plant 7" names 11 plants (7, 70..79), "plant 42" one.
        SyntheticOutages.writeRaw(work.resolve("data"), 240, DAYS);
        duckDb = new DuckDb();
        SnapshotPublisher publisher =
                new SnapshotPublisher(properties, new com.fasterxml.jackson.databind.ObjectMapper());
        TestModels.builder(properties, duckDb, publisher).build();
        t = ServingTable.load(duckDb, publisher.current().orElseThrow());
        ix = new ServingIndex(t);
        queries = new OutageQueries(new ServingSnapshots(duckDb, publisher));
    }

    @AfterAll
    static void close() throws Exception {
        duckDb.close();
    }

    @Test
    void every_plan_answers_what_a_pass_over_all_events_answers() {
        Random random = new Random(42);
        List<Integer> plantCandidates = new ArrayList<>();
        List<Integer> sortedSlices = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            DataQuery q = randomQuery(random);
            int from = (int) q.offset();
            int[] expected = matchesInOrder(q);
            EventFilter.Selection selection = EventFilter.select(ix, q, from, q.limit());
            assertThat(selection.total()).as("total of %s", q).isEqualTo(expected.length);
            assertThat(selection.page())
                    .as("page of %s", q)
                    .containsExactly(Arrays.copyOfRange(
                            expected, Math.min(from, expected.length), Math.min(from + q.limit(), expected.length)));
            if (q.filtersPlants()) {
                plantCandidates.add(plantCandidates(q));
            } else if (q.startDate() != null && q.endDate() != null && !q.sort().equals(EventSort.DEFAULT)) {
                sortedSlices.add(ix.firstStartingOnOrAfter((int) q.endDate().toEpochDay() + 1)
                        - ix.firstStartingOnOrAfter((int) q.startDate().toEpochDay()));
            }
        }
        // The inputs reached each plan's side of its threshold (the thresholds are EventFilter's).
        assertThat(t.size).isGreaterThan(100_000);
        assertThat(plantCandidates)
                .anyMatch(n -> n <= 4096)
                .anyMatch(n -> n > 4096 && n <= t.size / 8)
                .anyMatch(n -> n > t.size / 8);
        assertThat(sortedSlices).anyMatch(n -> n <= t.size / 16).anyMatch(n -> n > t.size / 16);
    }

    @Test
    void monthly_totals_equal_the_sums_of_their_events_for_whole_and_cut_months() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            LocalDate start = random.nextInt(5) == 0 ? null : FIRST_DAY.plusDays(random.nextInt(DAYS) - 30);
            LocalDate end = random.nextInt(5) == 0
                    ? null
                    : (start == null ? FIRST_DAY : start).plusDays(random.nextInt(i % 2 == 0 ? 70 : 900));
            String facility = random.nextInt(4) == 0 ? String.valueOf(1000 + random.nextInt(80)) : null;
            Map<String, Object> params = new HashMap<>();
            params.put("start_date", start == null ? null : start.toString());
            params.put("end_date", end == null ? null : end.toString());
            params.put("facility_id", facility);
            params.values().removeIf(java.util.Objects::isNull);

            List<OutageQueries.MonthTotals> months = queries.monthly(params).data();

            Map<String, Object[]> expected = new HashMap<>();
            for (int e = 0; e < t.size; e++) {
                LocalDate day = LocalDate.ofEpochDay(t.startDay[e]);
                if ((start == null || !day.isBefore(start))
                        && (end == null || !day.isAfter(end))
                        && (facility == null
                                || facility.equals(t.plants.get(t.plant[e]).facilityId()))) {
                    Object[] sums =
                            expected.computeIfAbsent(YearMonth.from(day).toString(), m -> new Object[] {0L, 0L, 0.0});
                    sums[0] = (long) sums[0] + 1;
                    sums[1] = (long) sums[1] + t.durationHours[e];
                    sums[2] = (double) sums[2] + t.energyMwh[e];
                }
            }
            assertThat(months)
                    .as("months of %s", params)
                    .extracting(OutageQueries.MonthTotals::month)
                    .containsAll(expected.keySet())
                    .doesNotHaveDuplicates();
            for (OutageQueries.MonthTotals month : months) {
                Object[] sums = expected.getOrDefault(month.month(), new Object[] {0L, 0L, 0.0});
                assertThat(new Object[] {month.events(), month.outageHours(), month.energyLostMwh()})
                        .as("%s of %s", month.month(), params)
                        .containsExactly(sums[0], sums[1], Math.round((double) sums[2] * 1000) / 1000.0);
            }
        }
    }

    /** The brute force: every event tested, in the sort order. */
    private static int[] matchesInOrder(DataQuery q) {
        boolean[] plants = new boolean[t.plants.size()];
        for (int p = 0; p < plants.length; p++) {
            plants[p] = plantMatches(q, t.plants.get(p));
        }
        return Arrays.stream(ix.order(q.sort()))
                .filter(e -> plants[t.plant[e]]
                        && (q.startDate() == null
                                || t.startDay[e] >= q.startDate().toEpochDay())
                        && (q.endDate() == null || t.startDay[e] <= q.endDate().toEpochDay())
                        && (q.ongoing() == null || t.ongoing[e] == q.ongoing())
                        && (q.minDurationHours() == null || t.durationHours[e] >= q.minDurationHours()))
                .toArray();
    }

    private static boolean plantMatches(DataQuery q, ServingTable.PlantRow plant) {
        PlantFilter f = q.plants();
        return (f.facilityId() == null || f.facilityId().equals(plant.facilityId()))
                && (f.generatorId() == null || f.generatorId().equals(plant.generatorId()))
                && (f.plantKey() == null || f.plantKey() == plant.plantKey())
                && (f.nameContains() == null
                        || plant.plantName().toLowerCase(Locale.ROOT).contains(f.nameContains()));
    }

    private static int plantCandidates(DataQuery q) {
        int candidates = 0;
        for (int p = 0; p < t.plants.size(); p++) {
            if (plantMatches(q, t.plants.get(p))) {
                candidates += ix.eventsByPlant[p].length;
            }
        }
        return candidates;
    }

    private static DataQuery randomQuery(Random r) {
        String facility = r.nextInt(100) < 12 ? String.valueOf(1000 + r.nextInt(80)) : null;
        String generator = r.nextInt(100) < 25 ? String.valueOf(1 + r.nextInt(3)) : null;
        Integer plantKey =
                r.nextInt(100) < 4 ? t.plants.get(r.nextInt(t.plants.size())).plantKey() : null;
        String name = switch (r.nextInt(8)) {
            case 0, 1 -> "plant " + r.nextInt(10);
            case 2 -> "plant " + r.nextInt(80);
            case 3 -> "lant";
            default -> null;
        };
        LocalDate start = null;
        LocalDate end = null;
        int dates = r.nextInt(10);
        if (dates < 5) {
            start = FIRST_DAY.plusDays(r.nextInt(DAYS));
            int[] spans = {0, 10, 60, 120, 300, 1500};
            end = start.plusDays(spans[r.nextInt(spans.length)] + r.nextInt(20));
            if (dates == 0) {
                start = null;
            } else if (dates == 1) {
                end = null;
            }
        }
        Boolean ongoing = switch (r.nextInt(10)) {
            case 0 -> true;
            case 1 -> false;
            default -> null;
        };
        Integer minHours = r.nextInt(4) == 0 ? List.of(24, 48, 72, 120).get(r.nextInt(4)) : null;
        String sortField = r.nextInt(5) == 0
                ? null
                : (r.nextBoolean() ? "-" : "") + EventSort.FIELDS.get(r.nextInt(EventSort.FIELDS.size()));
        int limit = r.nextInt(10) == 0 ? 1000 : 1 + r.nextInt(100);
        int page = r.nextInt(4) == 0 ? 1 + r.nextInt(300) : 1 + r.nextInt(5);
        return new DataQuery(
                page,
                limit,
                start,
                end,
                new PlantFilter(facility, generator, plantKey, name),
                ongoing,
                minHours,
                EventSort.parse(sortField));
    }
}
