package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ResponseEntity;

/** GET /data over a real port, on the model the startup run built from the sample data. */
class DataApiTest extends SampleAppTest {

    @Test
    void pages_are_disjoint_and_add_up_to_the_total() {
        Map<String, Object> first = get("/data?limit=7&page=1");
        Map<String, Object> second = get("/data?limit=7&page=2");
        long total = ((Number) first.get("total")).longValue();

        assertThat(first).containsEntry("page", 1).containsEntry("limit", 7);
        assertThat(total).isGreaterThan(100);
        assertThat(second.get("total")).isEqualTo(first.get("total"));
        assertThat(second.get("snapshot")).isEqualTo(first.get("snapshot"));
        Set<Object> ids = new HashSet<>();
        rows(first).forEach(r -> ids.add(r.get("outage_id")));
        rows(second).forEach(r -> ids.add(r.get("outage_id")));
        assertThat(ids).hasSize(14);

        int lastPage = (int) ((total + 6) / 7);
        assertThat(rows(get("/data?limit=7&page=" + lastPage))).hasSize((int) (total - (lastPage - 1) * 7L));
        assertThat(rows(get("/data?limit=7&page=" + (lastPage + 1)))).isEmpty();
    }

    @Test
    void rows_carry_fact_plant_and_date_attributes() {
        Map<String, Object> row = rows(get("/data?limit=1")).get(0);

        assertThat(row)
                .containsKeys(
                        "outage_id",
                        "plant_key",
                        "facility_id",
                        "plant_name",
                        "generator_id",
                        "unit_name",
                        "start_date",
                        "year",
                        "month",
                        "day_name",
                        "start_ts",
                        "end_ts",
                        "duration_hours",
                        "peak_outage_mw",
                        "energy_lost_mwh",
                        "capacity_mw",
                        "is_ongoing");
        assertThat(row.get("outage_id").toString())
                .isEqualTo(row.get("facility_id") + "-" + row.get("generator_id") + "-"
                        + row.get("start_date").toString().replace("-", ""));
    }

    @Test
    void filters_by_facility_and_start_date_range() {
        long all = ((Number) get("/data?limit=1").get("total")).longValue();
        Map<String, Object> brownsFerry = get("/data?facility_id=46&limit=1000");
        Map<String, Object> march = get("/data?start_date=2024-03-01&end_date=2024-03-31&limit=1000");

        assertThat(rows(brownsFerry))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("facility_id")).isEqualTo("46"));
        assertThat(((Number) brownsFerry.get("total")).longValue()).isLessThan(all);
        assertThat(rows(march))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("start_date").toString()).startsWith("2024-03"));
        assertThat(rows(get("/data?facility_id=999999"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "limit=0, limit",
        "limit=1001, limit",
        "limit=abc, limit",
        "limit=, ''",
        "page=0, page",
        "page=-3, page",
        "start_date=2024-13-01, start_date",
        "end_date=yesterday, end_date",
        "start_date=2024-05-01&end_date=2024-04-01, end_date",
        "facility_id=46'%20OR%201=1, facility_id",
        "limit=5&limit=6, limit",
        "plant_key=0, plant_key",
        "plant_key=x, plant_key",
        "ongoing=yes, ongoing",
        "min_duration_hours=-1, min_duration_hours",
        "generator=1%3B, generator",
        "sort=-, sort",
        "start_date=0001-01-01, start_date",
        "startdate=2025-01-01, startdate",
        "limit=5&foo=bar, foo"
    })
    void a_bad_parameter_gets_400_naming_it(String query, String parameter) {
        ResponseEntity<Map> response = http.getForEntity("/data?" + query, Map.class);

        if (parameter.isEmpty()) {
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            return;
        }
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("status", 400).containsEntry("parameter", parameter);
        assertThat((String) response.getBody().get("detail")).contains("'" + parameter + "'");
    }

    @Test
    void answers_do_not_echo_request_headers() {
        ResponseEntity<String> response = http.getForEntity("/data?limit=1&page=1", String.class);

        assertThat(response.getHeaders().containsKey("limit")).isFalse();
        assertThat(response.getHeaders().containsKey("page")).isFalse();
        assertThat(response.getHeaders().containsKey("user-agent")).isFalse();
    }

    /** Every filter agrees with the same predicate applied to the unfiltered events. */
    @Test
    void every_filter_returns_exactly_the_events_that_match_it() {
        List<Map<String, Object>> all = allEvents("");
        Map<String, Object> anEvent = all.get(all.size() / 2);
        String facility = (String) anEvent.get("facility_id");
        String generator = (String) anEvent.get("generator_id");
        Object plantKey = anEvent.get("plant_key");

        assertThat(ids(allEvents("&generator=" + generator)))
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> e.get("generator_id").equals(generator))
                        .toList()));
        assertThat(ids(allEvents("&plant_key=" + plantKey)))
                .isNotEmpty()
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> e.get("plant_key").equals(plantKey))
                        .toList()));
        assertThat(ids(allEvents("&facility_id=" + facility + "&generator=" + generator)))
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> e.get("facility_id").equals(facility)
                                && e.get("generator_id").equals(generator))
                        .toList()));
        assertThat(ids(allEvents("&plant_name=FeRrY")))
                .isNotEmpty()
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e ->
                                e.get("plant_name").toString().toLowerCase().contains("ferry"))
                        .toList()));
        assertThat(ids(allEvents("&ongoing=true")))
                .isNotEmpty()
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> Boolean.TRUE.equals(e.get("is_ongoing")))
                        .toList()));
        assertThat(ids(allEvents("&ongoing=false")))
                .hasSize(all.size() - allEvents("&ongoing=true").size());
        assertThat(ids(allEvents("&min_duration_hours=240")))
                .isNotEmpty()
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> ((Number) e.get("duration_hours")).intValue() >= 240)
                        .toList()));
        assertThat(allEvents("&plant_name=no such plant")).isEmpty();
    }

    @Test
    void sort_orders_by_the_field_and_breaks_ties_by_outage_id() {
        List<Map<String, Object>> byEnergy = allEvents("&sort=-energy_lost_mwh");
        List<Map<String, Object>> byDuration = allEvents("&sort=duration_hours");
        List<Map<String, Object>> newest = allEvents("&sort=-start_date");

        assertThat(byEnergy)
                .isSortedAccordingTo(java.util.Comparator.comparing(
                                (Map<String, Object> e) -> -((Number) e.get("energy_lost_mwh")).doubleValue())
                        .thenComparing(e -> (String) e.get("outage_id")));
        assertThat(byDuration)
                .isSortedAccordingTo(java.util.Comparator.comparing(
                                (Map<String, Object> e) -> ((Number) e.get("duration_hours")).intValue())
                        .thenComparing(e -> (String) e.get("outage_id")));
        assertThat(newest)
                .isSortedAccordingTo(
                        java.util.Comparator.comparing((Map<String, Object> e) -> (String) e.get("start_date"))
                                .reversed()
                                .thenComparing(e -> (String) e.get("outage_id")));
        assertThat(ids(byEnergy)).containsExactlyInAnyOrderElementsOf(ids(byDuration));
        // Paging through a sort is deterministic: the same call answers the same page.
        assertThat(get("/data?sort=duration_hours&limit=50&page=3"))
                .isEqualTo(get("/data?sort=duration_hours&limit=50&page=3"));
        ResponseEntity<Map> bad = http.getForEntity("/data?sort=drop table", Map.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsEntry("parameter", "sort");
        assertThat((String) bad.getBody().get("detail")).contains("energy_lost_mwh");
        assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    /** Filter and sort together, for few matches (sorted by rank) and many (walked in sort order), paged. */
    @Test
    void filtered_events_are_sorted_and_paged_like_the_sorted_whole() {
        java.util.Comparator<Map<String, Object>> byEnergy = java.util.Comparator.comparing(
                        (Map<String, Object> e) -> -((Number) e.get("energy_lost_mwh")).doubleValue())
                .thenComparing(e -> (String) e.get("outage_id"));
        List<Map<String, Object>> sorted = allEvents("&sort=-energy_lost_mwh");
        for (String filter : List.of(
                "&plant_name=ferry",
                "&generator=1",
                "&ongoing=false",
                "&min_duration_hours=100",
                "&start_date=2025-01-01&end_date=2025-06-30",
                "&plant_key=3&start_date=2024-06-01")) {
            List<Map<String, Object>> expected =
                    allEvents(filter).stream().sorted(byEnergy).toList();

            List<Map<String, Object>> actual = new java.util.ArrayList<>();
            for (int page = 1; page <= (expected.size() + 6) / 7; page++) {
                actual.addAll(rows(get("/data?limit=7&sort=-energy_lost_mwh&page=" + page + filter)));
            }

            assertThat(ids(actual)).as(filter).isNotEmpty().containsExactlyElementsOf(ids(expected));
            assertThat(ids(sorted.stream()
                            .filter(e -> ids(expected).contains(e.get("outage_id")))
                            .toList()))
                    .as(filter)
                    .containsExactlyElementsOf(ids(actual));
        }
    }

    private static List<Object> ids(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("outage_id")).toList();
    }
}
