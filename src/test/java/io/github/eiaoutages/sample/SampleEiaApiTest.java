package io.github.eiaoutages.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The bundled sample EIA API answers like the real one (see shared/design/EIA-API.md). */
@SuppressWarnings("unchecked")
class SampleEiaApiTest extends SampleAppTest {

    private static final String GENERATOR = "/sample-eia/v2/nuclear-outages/generator-nuclear-outages/data/";

    @Test
    void values_are_strings_and_total_is_a_string() {
        Map<String, Object> response = response(GENERATOR + "?data[0]=capacity&data[1]=outage&length=5&offset=0");

        assertThat(response.get("total")).isInstanceOf(String.class);
        List<Map<String, Object>> rows = rows(response);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0))
                .containsKeys(
                        "period", "facility", "facilityName", "generator", "capacity", "outage", "capacity-units");
        assertThat(rows.get(0).get("capacity")).isInstanceOf(String.class);
        assertThat(response).containsKey("warnings");
    }

    @Test
    void without_data_columns_rows_carry_no_values() {
        Map<String, Object> row = rows(response(GENERATOR + "?length=1")).get(0);

        assertThat(row).containsOnlyKeys("period", "facility", "facilityName", "generator");
    }

    @Test
    void covers_at_least_20_generators_every_day_for_two_years() {
        Map<String, Object> firstDay = response(GENERATOR + "?start=2024-01-01&end=2024-01-01&length=5000");
        LocalDate twoYearsOn = LocalDate.of(2026, 1, 1);
        Map<String, Object> later =
                response(GENERATOR + "?start=" + twoYearsOn + "&end=" + twoYearsOn + "&length=5000");

        assertThat(generators(firstDay)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(generators(later)).containsAll(generators(firstDay));
    }

    @Test
    void an_empty_page_past_the_end_still_warns_and_facility_total_counts_generators() {
        Map<String, Object> pastEnd = response(GENERATOR + "?offset=9999999&length=5000");
        Map<String, Object> facility = response("/sample-eia/v2/nuclear-outages/facility-nuclear-outages/data/"
                + "?facets[facility][]=46&start=2024-01-01&end=2024-01-01&data[0]=outage");

        assertThat(rows(pastEnd)).isEmpty();
        assertThat(pastEnd).containsKey("warnings");
        assertThat(rows(facility)).hasSize(1);
        assertThat(facility.get("total")).isEqualTo("3");
    }

    @Test
    void errors_have_eia_shapes() {
        ResponseEntity<Map> unknownRoute = http.getForEntity("/sample-eia/v2/nuclear-outages/nope/data/", Map.class);
        ResponseEntity<Map> badFrequency = http.getForEntity(GENERATOR + "?frequency=yearly", Map.class);

        assertThat(unknownRoute.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownRoute.getBody()).containsEntry("error", "Not found.").containsEntry("code", 404);
        assertThat(badFrequency.getStatusCode().value()).isEqualTo(400);
        assertThat((String) badFrequency.getBody().get("error")).contains("Invalid frequency 'yearly'");
    }

    @Test
    void every_example_route_answers_data_metadata_and_facets_in_its_own_period_format() {
        Map<String, String> routes = Map.of(
                "electricity/rto/region-data",
                "hourly",
                "electricity/rto/fuel-type-data",
                "local-hourly",
                "electricity/electric-power-operational-data",
                "monthly",
                "natural-gas/stor/wkly",
                "weekly",
                "steo",
                "quarterly",
                "co2-emissions/co2-emissions-aggregates",
                "annual");
        routes.forEach((route, frequency) -> {
            Map<String, Object> metadata = response("/sample-eia/v2/" + route + "/");
            List<Map<String, Object>> frequencies = (List<Map<String, Object>>) metadata.get("frequency");
            assertThat(frequencies).extracting(f -> f.get("id")).as(route).containsExactly(frequency);
            List<Map<String, Object>> facets = (List<Map<String, Object>>) metadata.get("facets");
            String facet = (String) facets.get(0).get("id");
            Map<String, Object> values = response("/sample-eia/v2/" + route + "/facet/" + facet + "/");
            assertThat((List<?>) values.get("facets")).as(route + " " + facet).isNotEmpty();
            Map<String, Object> page = response("/sample-eia/v2/" + route + "/data/?frequency=" + frequency + "&start="
                    + metadata.get("endPeriod") + "&length=5");
            assertThat(page.get("frequency")).isEqualTo(frequency);
            // The newest period (a local hour may be written in another respondent's offset: the same instant).
            io.github.eiaoutages.period.Frequency f = io.github.eiaoutages.period.Frequency.fromEia(frequency);
            assertThat(rows(page))
                    .as(route)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(f.parse((String) r.get("period")))
                            .isEqualByComparingTo(f.parse((String) metadata.get("endPeriod"))));
        });
        Map<String, Object> regions = response("/sample-eia/v2/electricity/rto/region-data/facet/respondent/");
        assertThat((List<Map<String, Object>>) regions.get("facets"))
                .extracting(f -> f.get("id"))
                .containsExactly("CISO", "ERCO", "MISO", "PJM", "SWPP");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> response(String path) {
        ResponseEntity<Map> answer = http.getForEntity(path, Map.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return (Map<String, Object>) answer.getBody().get("response");
    }

    private static Set<String> generators(Map<String, Object> response) {
        Set<String> ids = new HashSet<>();
        rows(response).forEach(r -> ids.add(r.get("facility") + "/" + r.get("generator")));
        return ids;
    }
}
