package io.github.eiaoutages.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backfills in date windows, fetched at the same time under the request ceiling; then incremental runs. */
@OwnLiveAppTest.Settings({
    "pipeline.datasets.generator-nuclear-outages.start=2026-01-01",
    "pipeline.datasets.generator-nuclear-outages.window-days=30",
    "pipeline.datasets.generator-nuclear-outages.look-back-days=14",
    "pipeline.eia.page-size=50",
    "pipeline.eia.max-concurrent-requests=4",
    "pipeline.eia.requests-per-second=5"
})
class BackfillTest extends OwnLiveAppTest {

    /** 3 units of one plant, every day of 2026 up to 2026-10-31. */
    private static final List<Map<String, String>> ROWS = EiaStub.generatorRows(3 * 304, LocalDate.of(2026, 1, 1));

    @Test
    void an_empty_dataset_backfills_in_windows_from_its_start_and_stores_every_row() throws Exception {
        EIA.serveGenerator(ROWS);

        Map<String, Object> run = runOfExpecting(GENERATOR, "succeeded");

        assertThat(counts(run, GENERATOR)).containsEntry("rows_accepted", ROWS.size());
        // Fetched 4 windows at a time, the stored rows are exactly the served rows, as a sequential run stores them.
        assertThat(stored(GENERATOR))
                .extracting(r -> r.get("period") + "/" + r.get("generator") + "/" + r.get("outage"))
                .containsExactlyInAnyOrderElementsOf(ROWS.stream()
                        .map(r ->
                                r.get("period") + "/" + r.get("generator") + "/" + Double.parseDouble(r.get("outage")))
                        .toList());
        List<LoggedRequest> firstPages =
                EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))).stream()
                        .filter(r -> r.queryParameter("offset").firstValue().equals("0"))
                        .sorted(Comparator.comparing(
                                r -> r.queryParameter("start").firstValue()))
                        .toList();
        assertThat(firstPages.get(0).queryParameter("start").firstValue()).isEqualTo("2026-01-01");
        assertThat(firstPages.get(0).queryParameter("end").firstValue()).isEqualTo("2026-01-30");
        assertThat(firstPages.get(1).queryParameter("start").firstValue()).isEqualTo("2026-01-31");
        assertThat(firstPages.get(firstPages.size() - 1).queryParameter("end").isPresent())
                .isFalse();
        // Offsets stay within a window: a 30-day window holds 90 rows, so no page starts beyond offset 50.
        assertThat(EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))))
                .allSatisfy(r -> assertThat(
                                Integer.parseInt(r.queryParameter("offset").firstValue()))
                        .isLessThanOrEqualTo(50));
    }

    @Test
    void windows_are_fetched_at_the_same_time_but_never_above_the_request_ceiling() {
        EIA.serveGenerator(ROWS);
        // Longer than the 210 ms between two requests at 5/s: windows can only overlap if fetched at the same time.
        EIA.delay(600);

        runOfExpecting(GENERATOR, "succeeded");

        assertThat(EIA.maxConcurrentRequests()).isBetween(2, 4);
        List<Long> times = EIA.server().findAll(getRequestedFor(urlPathMatching("/v2/.*"))).stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        assertThat(times).hasSizeGreaterThan(20);
        // 5 requests/s over all datasets and windows: no 6 requests reach the stub within one second.
        for (int i = 5; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 5))
                    .as("requests %d..%d of %s", i - 5, i, times)
                    .isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void a_dataset_with_rows_asks_only_for_its_newest_days_again_and_an_unchanged_rerun_costs_one_request() {
        EIA.serveGenerator(ROWS);
        runOfExpecting(GENERATOR, "succeeded");
        EIA.reset();

        Map<String, Object> rerun = runOfExpecting(GENERATOR, "succeeded");

        List<LoggedRequest> requests = EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
        assertThat(requests).hasSize(1);
        // Newest committed day 2026-10-31, minus 14 days of look-back.
        assertThat(requests.get(0).queryParameter("start").firstValue()).isEqualTo("2026-10-17");
        assertThat(requests.get(0).queryParameter("end").isPresent()).isFalse();
        assertThat(counts(rerun, GENERATOR)).containsEntry("rows_received", 45).containsEntry("rows_accepted", 0);
    }

    @Test
    void a_range_refetch_into_an_empty_dataset_does_not_count_as_its_backfill() throws Exception {
        EIA.serveGenerator(ROWS);
        runExpecting("succeeded", "/refresh?wait=true&dataset=" + GENERATOR + "&start=2026-06-01&end=2026-06-30");
        assertThat(stored(GENERATOR)).hasSize(3 * 30);

        Map<String, Object> next = runOfExpecting(GENERATOR, "succeeded");

        // The ordinary run still owes start..now: it backfills, and every served row is stored once.
        assertThat(EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))).stream()
                        .map(r -> r.queryParameter("start").firstValue()))
                .contains("2026-01-01");
        assertThat(counts(next, GENERATOR)).containsEntry("rows_accepted", ROWS.size() - 3 * 30);
        assertThat(stored(GENERATOR)).hasSize(ROWS.size());
        EIA.reset();
        EIA.serveGenerator(ROWS);

        runOfExpecting(GENERATOR, "succeeded");

        assertThat(EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))))
                .as("once backfilled, a run asks only for the newest days")
                .hasSize(1);
    }
}
