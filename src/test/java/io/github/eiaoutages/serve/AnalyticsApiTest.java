package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** /plants and /analytics/* agree with the events /data serves, summed here independently. */
class AnalyticsApiTest extends SampleAppTest {

    @Test
    void plants_filter_by_name_and_facility_and_carry_their_event_totals() {
        Map<String, Object> ferry = get("/plants?name=FERRY");
        List<Map<String, Object>> units = rows(ferry);

        assertThat(units)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.get("plant_name").toString()).containsIgnoringCase("ferry"));
        Map<String, Object> unit = units.get(0);
        List<Map<String, Object>> events = allEvents("&plant_key=" + unit.get("plant_key"));
        assertThat(((Number) unit.get("events")).longValue()).isEqualTo(events.size());
        assertThat(((Number) unit.get("outage_hours")).longValue()).isEqualTo(sum(events, "duration_hours"));
        assertThat(rows(get("/plants?facility_id=" + unit.get("facility_id"))))
                .allSatisfy(p -> assertThat(p.get("facility_id")).isEqualTo(unit.get("facility_id")));
        assertThat(((Number) get("/plants?limit=1000").get("total")).intValue()).isEqualTo(27);
    }

    @Test
    void top_plants_rank_generators_by_each_metric_over_a_date_range() {
        List<Map<String, Object>> inRange = allEvents("&start_date=2024-06-01&end_date=2025-05-31");
        Map<Object, double[]> expected = new HashMap<>();
        for (Map<String, Object> e : inRange) {
            double[] sums = expected.computeIfAbsent(e.get("plant_key"), k -> new double[3]);
            sums[0]++;
            sums[1] += ((Number) e.get("duration_hours")).longValue();
            sums[2] += ((Number) e.get("energy_lost_mwh")).doubleValue();
        }
        for (String metric : List.of("outage_hours", "energy_lost_mwh", "events")) {
            Map<String, Object> top = get(
                    "/analytics/top-plants?metric=" + metric + "&limit=5&start_date=2024-06-01&end_date=2025-05-31");
            List<Map<String, Object>> ranked = rows(top);
            int column = metric.equals("events") ? 0 : metric.equals("outage_hours") ? 1 : 2;
            List<Double> best = expected.values().stream()
                    .map(s -> s[column])
                    .sorted((a, b) -> Double.compare(b, a))
                    .limit(5)
                    .toList();

            assertThat(top).containsEntry("metric", metric).containsEntry("start_date", "2024-06-01");
            assertThat(ranked).hasSize(5);
            assertThat(ranked).extracting(r -> r.get("rank")).containsExactly(1, 2, 3, 4, 5);
            for (Map<String, Object> row : ranked) {
                double[] sums = expected.get(row.get("plant_key"));
                assertThat(((Number) row.get("events")).doubleValue()).isEqualTo(sums[0]);
                assertThat(((Number) row.get("outage_hours")).doubleValue()).isEqualTo(sums[1]);
                assertThat(((Number) row.get(metric)).doubleValue())
                        .isCloseTo(best.get(ranked.indexOf(row)), org.assertj.core.data.Offset.offset(0.01));
            }
        }
        ResponseEntity<Map> bad = http.getForEntity("/analytics/top-plants?metric=revenue", Map.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsEntry("parameter", "metric");
    }

    @Test
    void monthly_sums_the_events_by_start_month_with_every_month_of_the_range() {
        List<Map<String, Object>> events = allEvents("&start_date=2024-01-01&end_date=2024-12-31");
        Map<String, long[]> byMonth = new HashMap<>();
        for (Map<String, Object> e : events) {
            long[] sums = byMonth.computeIfAbsent(e.get("start_date").toString().substring(0, 7), k -> new long[2]);
            sums[0]++;
            sums[1] += ((Number) e.get("duration_hours")).longValue();
        }

        List<Map<String, Object>> months = rows(get("/analytics/monthly?start_date=2024-01-01&end_date=2024-12-31"));

        assertThat(months)
                .extracting(m -> m.get("month"))
                .containsExactly(
                        "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08",
                        "2024-09", "2024-10", "2024-11", "2024-12");
        for (Map<String, Object> month : months) {
            long[] sums = byMonth.getOrDefault(month.get("month"), new long[2]);
            assertThat(((Number) month.get("events")).longValue())
                    .as("%s", month)
                    .isEqualTo(sums[0]);
            assertThat(((Number) month.get("outage_hours")).longValue())
                    .as("%s", month)
                    .isEqualTo(sums[1]);
        }
        assertThat(rows(get("/analytics/monthly?facility_id=46&start_date=2024-01-01&end_date=2024-12-31")).stream()
                        .mapToLong(m -> ((Number) m.get("events")).longValue())
                        .sum())
                .isEqualTo(events.stream()
                        .filter(e -> "46".equals(e.get("facility_id")))
                        .count());
    }

    private static long sum(List<Map<String, Object>> rows, String field) {
        return rows.stream().mapToLong(r -> ((Number) r.get(field)).longValue()).sum();
    }

    @Test
    void the_national_series_comes_from_the_published_snapshot_and_names_it() {
        Map<String, Object> national = get("/analytics/national?start_date=2025-01-01&end_date=2025-01-31");
        Map<String, Object> data = get("/data?limit=1");

        assertThat(national.get("snapshot")).isEqualTo(data.get("snapshot"));
        assertThat(rows(national))
                .hasSize(31)
                .allSatisfy(
                        day -> assertThat(day).containsKeys("period", "capacity_mw", "outage_mw", "percent_outage"));
        assertThat(rows(national).get(0).get("period")).isEqualTo("2025-01-01");
    }
}
