package io.github.eiaoutages.coverage;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Gaps you can see (GET /datasets, health) and fetch again (a range re-fetch, or fill-gaps on every run). */
@SuppressWarnings("unchecked")
@OwnLiveAppTest.Settings({"pipeline.datasets.generator-nuclear-outages.fill-gaps=true", "pipeline.eia.page-size=100"})
class GapsTest extends OwnLiveAppTest {

    /** Three units every day of January and February 2025. */
    private static final List<Map<String, String>> ALL = EiaStub.generatorRows(3 * 59, LocalDate.of(2025, 1, 1));

    private static final Set<String> MISSING = Set.of("2025-01-05", "2025-01-06", "2025-01-07", "2025-01-12");

    @Test
    void days_with_no_row_are_listed_as_gaps_and_a_range_refetch_fills_them_storing_revisions_and_nothing_else() {
        EIA.serveGenerator(
                ALL.stream().filter(r -> !MISSING.contains(r.get("period"))).toList());
        runOfExpecting(GENERATOR, "succeeded");

        Map<String, Object> generator = dataset(GENERATOR);
        assertThat(generator)
                .containsEntry("frequency", "daily")
                .containsEntry("first_period", "2025-01-01")
                .containsEntry("newest_period", "2025-02-28")
                .containsEntry("rows", 3 * 55)
                .containsEntry("gap_count", 2);
        assertThat((List<Object>) generator.get("gaps"))
                .containsExactly(
                        Map.of("start", "2025-01-05", "end", "2025-01-07", "periods", 3),
                        Map.of("start", "2025-01-12", "end", "2025-01-12", "periods", 1));
        assertThat(((Map<?, ?>) generator.get("last_run")).get("status")).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) pipelineHealth().get("details")).get("gaps")).isEqualTo(List.of(GENERATOR));

        // EIA now has the missing days, and revised one day inside the range.
        List<Map<String, String>> now = new ArrayList<>(ALL);
        int revised = now.indexOf(now.stream()
                .filter(r -> r.get("period").equals("2025-01-08"))
                .findFirst()
                .orElseThrow());
        now.set(revised, EiaStub.revised(now.get(revised), "outage", "99"));
        EIA.serveGenerator(now);
        EIA.reset();
        Map<String, Object> refetch = runExpecting(
                "succeeded", "/refresh?wait=true&dataset=" + GENERATOR + "&start=2025-01-05&end=2025-01-10");

        assertThat(refetch.get("range")).isEqualTo(Map.of("start", "2025-01-05", "end", "2025-01-10"));
        assertThat(counts(refetch, GENERATOR))
                .containsEntry("rows_accepted", 9 + 1)
                .containsEntry("rows_revised", 1);
        List<LoggedRequest> requests = EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.queryParameter("start").firstValue()).isEqualTo("2025-01-05");
            assertThat(r.queryParameter("end").firstValue()).isEqualTo("2025-01-10");
        });
        assertThat((List<Object>) dataset(GENERATOR).get("gaps"))
                .containsExactly(Map.of("start", "2025-01-12", "end", "2025-01-12", "periods", 1));

        // fill-gaps: an ordinary run asks for its newest days and for the gap that is left.
        Map<String, Object> filled = runOfExpecting(GENERATOR, "succeeded");

        assertThat(counts(filled, GENERATOR)).containsEntry("rows_accepted", 3);
        assertThat(dataset(GENERATOR)).containsEntry("gap_count", 0);
        assertThat(((Map<?, ?>) pipelineHealth().get("details")).get("gaps")).isNull();
    }

    @Test
    void a_gap_fill_gaps_fetched_again_without_a_row_from_eia_is_known_empty_listed_apart_and_not_asked_for_again()
            throws Exception {
        EIA.serveGenerator(
                ALL.stream().filter(r -> !MISSING.contains(r.get("period"))).toList());
        runOfExpecting(GENERATOR, "succeeded");
        assertThat(dataset(GENERATOR))
                .containsEntry("gap_count", 2)
                .containsEntry("empty_period_count", 0)
                .containsEntry("empty_periods", List.of());

        // EIA has no rows for those days, ever: the next run asks for both gaps once more, then knows.
        Map<String, Object> refetched = runOfExpecting(GENERATOR, "succeeded");

        assertThat(gapRequests()).containsExactlyInAnyOrder("2025-01-05..2025-01-07", "2025-01-12..2025-01-12");
        assertThat((List<Object>) refetched.get("warnings"))
                .containsExactly(GENERATOR + ": 2 gaps re-fetched and still "
                        + "empty (2025-01-05..2025-01-07, 2025-01-12..2025-01-12): EIA has no rows for them; they are not asked "
                        + "for again (see GET /datasets)");
        Map<String, Object> generator = dataset(GENERATOR);
        assertThat(generator)
                .containsEntry("gap_count", 0)
                .containsEntry("gaps", List.of())
                .containsEntry("empty_period_count", 2);
        assertThat((List<Object>) generator.get("empty_periods"))
                .containsExactly(
                        Map.of("start", "2025-01-05", "end", "2025-01-07", "periods", 3),
                        Map.of("start", "2025-01-12", "end", "2025-01-12", "periods", 1));
        assertThat(((Map<?, ?>) pipelineHealth().get("details")).get("gaps")).isNull();
        assertThat(Files.readString(dataDir().resolve("raw").resolve(GENERATOR).resolve("_empty_periods.json")))
                .contains("2025-01-05", "2025-01-07", "2025-01-12");

        EIA.reset();
        Map<String, Object> later = runOfExpecting(GENERATOR, "succeeded");

        assertThat(gapRequests()).isEmpty();
        assertThat(later.get("warnings")).isNull();
        assertThat(dataset(GENERATOR)).containsEntry("gap_count", 0).containsEntry("empty_period_count", 2);
    }

    @Test
    void a_range_refetch_asks_eia_again_for_periods_known_empty_and_forgets_those_it_brings_rows_for() {
        EIA.serveGenerator(
                ALL.stream().filter(r -> !MISSING.contains(r.get("period"))).toList());
        runOfExpecting(GENERATOR, "succeeded");
        runOfExpecting(GENERATOR, "succeeded");
        assertThat(dataset(GENERATOR)).containsEntry("empty_period_count", 2);

        // EIA publishes the first three days after all.
        EIA.serveGenerator(ALL);
        EIA.reset();
        Map<String, Object> refetch = runExpecting(
                "succeeded", "/refresh?wait=true&dataset=" + GENERATOR + "&start=2025-01-05&end=2025-01-07");

        assertThat(gapRequests()).containsOnly("2025-01-05..2025-01-07");
        assertThat(counts(refetch, GENERATOR)).containsEntry("rows_accepted", 9);
        Map<String, Object> generator = dataset(GENERATOR);
        assertThat(generator).containsEntry("gap_count", 0).containsEntry("empty_period_count", 1);
        assertThat((List<Object>) generator.get("empty_periods"))
                .containsExactly(Map.of("start", "2025-01-12", "end", "2025-01-12", "periods", 1));
    }

    @Test
    void a_range_refetch_needs_a_dataset_and_periods_in_its_format() {
        assertBadParameter("/refresh?start=2025-01-05", "start", "needs dataset=<id>");
        assertBadParameter("/refresh?dataset=" + GENERATOR + "&end=2025-01-05", "end", "needs start");
        assertBadParameter(
                "/refresh?dataset=" + GENERATOR + "&start=2025-01",
                "start",
                "'2025-01' is not a daily period such as 2026-11-01");
        assertBadParameter(
                "/refresh?dataset=" + GENERATOR + "&start=2025-01-05&end=2025-01-01", "end", "is before start");
        assertBadParameter(
                "/refresh?dataset=" + GENERATOR + "&start=2025-02-30",
                "start",
                "'2025-02-30' is shaped like a daily period but does not exist");
        assertBadParameter("/refresh?dataset=" + GENERATOR + "&start=", "start", "is empty");
        assertBadParameter("/refresh?dataset=" + GENERATOR + "&start=2025-01-05&end=", "end", "is empty");
    }

    @Test
    void a_range_refetch_cannot_start_before_the_first_period_the_dataset_keeps_or_after_the_newest_there_can_be() {
        // LiveAppTest configures the generator dataset to start at 2025-01-01.
        assertBadParameter(
                "/refresh?dataset=" + GENERATOR + "&start=0001-01-01&end=9999-12-31",
                "start",
                "(0001-01-01) is before 2025-01-01, the first period generator-nuclear-outages keeps: move "
                        + "pipeline.datasets.generator-nuclear-outages.start earlier to keep older periods");
        assertBadParameter("/refresh?dataset=" + GENERATOR + "&start=2024-12-31", "start", "is before 2025-01-01");
        assertBadParameter(
                "/refresh?dataset=" + GENERATOR + "&start=9999-01-01",
                "start",
                "is after " + LocalDate.now(ZoneOffset.UTC).getYear());
        assertThat(EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))))
                .isEmpty();
    }

    @Test
    void a_range_refetch_that_ends_in_the_future_ends_at_the_period_that_holds_now_and_says_so() {
        EIA.serveGenerator(ALL);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ResponseEntity<Map> accepted = http.postForEntity(
                "/refresh?dataset=" + GENERATOR + "&start=2025-02-20&end=9999-12-31", null, Map.class);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        Map<?, ?> range = (Map<?, ?>) accepted.getBody().get("range");
        assertThat(range.get("start")).isEqualTo("2025-02-20");
        assertThat(range.get("end"))
                .isIn(today.toString(), LocalDate.now(ZoneOffset.UTC).toString());
        String location = (String) accepted.getBody().get("location");
        Map<?, ?> run = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.getForEntity(location, Map.class).getBody(), r -> !"running".equals(r.get("status")));
        assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
        assertThat(run.get("range")).isEqualTo(range);
        // One window (window-days is 36500 here), asked for up to that end, not 8,000 years of them.
        List<LoggedRequest> requests = EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(requests)
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.queryParameter("end").firstValue()).isEqualTo(range.get("end")));
        assertThat(counts((Map<String, Object>) run, GENERATOR)).containsEntry("rows_accepted", 3 * 9);
    }

    private void assertBadParameter(String uri, String parameter, String detail) {
        ResponseEntity<Map> answer = http.postForEntity(uri, null, Map.class);
        assertThat(answer.getStatusCode().value()).as(uri).isEqualTo(400);
        assertThat(answer.getBody()).containsEntry("parameter", parameter);
        assertThat((String) answer.getBody().get("detail")).contains(detail);
    }

    /** The bounded windows EIA was asked for since the last reset ({@code start..end}): gaps and ranges, not the newest days. */
    private static List<String> gapRequests() {
        return EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))).stream()
                .filter(r -> r.queryParameter("end").isPresent())
                .map(r -> r.queryParameter("start").firstValue() + ".."
                        + r.queryParameter("end").firstValue())
                .distinct()
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dataset(String id) {
        Map<String, Object> answer = http.getForEntity("/datasets", Map.class).getBody();
        return ((List<Map<String, Object>>) answer.get("data"))
                .stream().filter(d -> d.get("id").equals(id)).findFirst().orElseThrow();
    }

    private Map<?, ?> pipelineHealth() {
        Map<?, ?> health = http.getForEntity("/actuator/health", Map.class).getBody();
        return (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("pipeline");
    }
}
