package io.github.eiaoutages.raw;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A run whose data is doubtful ends degraded and says why: in the run record, the log and health. */
@ExtendWith(OutputCaptureExtension.class)
class DoubtfulDataTest extends LiveAppTest {

    @Test
    void a_dataset_whose_rows_were_all_quarantined_makes_the_run_degraded_naming_it_and_why(CapturedOutput output) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : EiaStub.generatorRows(5, LocalDate.of(2025, 1, 1))) {
            rows.add(EiaStub.revised(row, "period", "2025-13-0" + row.get("generator")));
        }
        EIA.serveGenerator(rows);

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        String warning =
                "generator-nuclear-outages: all 5 rows quarantined: unparsable daily period '2025-13-01' in field "
                        + "'period' (see data/quarantine/)";
        assertThat((List<String>) run.get("warnings")).containsExactly(warning);
        assertThat(counts(run, GENERATOR)).containsEntry("rows_quarantined", 5).containsEntry("rows_accepted", 0);
        assertThat(output.getAll()).contains("Run " + run.get("run_id") + " is degraded: " + warning);
        Map<?, ?> pipeline = pipelineHealth();
        assertThat(((Map<?, ?>) pipeline.get("details")).get("degraded")).isEqualTo(List.of(GENERATOR));
        Map<?, ?> lastRun = (Map<?, ?>) ((Map<?, ?>)
                        ((Map<?, ?>) ((Map<?, ?>) pipeline.get("details")).get("datasets")).get(GENERATOR))
                .get("last_run");
        assertThat(lastRun.get("status")).isEqualTo("degraded");
        assertThat((List<String>) lastRun.get("warnings")).containsExactly(warning.substring(GENERATOR.length() + 2));
    }

    @Test
    void a_first_backfill_that_returns_no_rows_is_not_a_success() {
        EIA.serveGenerator(List.of());

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat((List<String>) run.get("warnings"))
                .containsExactly("generator-nuclear-outages: the first run "
                        + "(backfill) received no rows at all: check the dataset's route, facets and start");
    }

    @Test
    void a_row_in_the_future_is_quarantined_and_the_run_degraded_not_stored() {
        List<Map<String, String>> rows =
                new java.util.ArrayList<>(EiaStub.generatorRows(9, java.time.LocalDate.of(2025, 1, 1)));
        rows.add(EiaStub.revised(rows.get(0), "period", "9999-12-31"));
        EIA.serveGenerator(rows);

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat((List<String>) run.get("warnings"))
                .singleElement()
                .asString()
                .startsWith(
                        "generator-nuclear-outages: EIA answered outside the query: window 2025-01-01..: 1 row(s) "
                                + "with periods outside the window asked for, quarantined (period 9999-12-31 lies in the future");
        List<Map<?, ?>> datasets = (List<Map<?, ?>>)
                http.getForEntity("/datasets", Map.class).getBody().get("data");
        assertThat(datasets)
                .filteredOn(d -> GENERATOR.equals(d.get("id")))
                .singleElement()
                .satisfies(d -> assertThat(d.get("newest_period")).isEqualTo("2025-01-03"));
    }

    /** One generator-day sent twice on one page: 1242 MW out and 0 MW out. Neither is "the revision" of the other. */
    @Test
    void a_key_that_comes_twice_in_one_run_with_different_values_is_quarantined_and_asked_for_again() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        Map<String, String> running =
                EiaStub.revised(EiaStub.revised(rows.get(1), "outage", "0"), "percentOutage", "0");
        Map<String, String> out = EiaStub.revised(EiaStub.revised(running, "outage", "1242"), "percentOutage", "99");
        rows.set(1, running);
        EIA.serveGenerator(rows);
        runOfExpecting(GENERATOR, "succeeded");
        List<Map<String, String>> conflicting = new ArrayList<>(rows);
        conflicting.add(2, out);
        EIA.serveGenerator(conflicting);

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat(counts(run, GENERATOR))
                .containsEntry("conflicts", 1)
                .containsEntry("rows_quarantined", 2)
                .containsEntry("rows_accepted", 0)
                .containsEntry("rows_revised", 0);
        assertThat((List<String>) run.get("warnings"))
                .containsExactly(
                        "generator-nuclear-outages: 1 key(s) came with "
                                + "conflicting values in this run; their 2 rows are quarantined, not stored, and the next run asks for them again");
        Path rejects = dataDir().resolve("quarantine/" + GENERATOR + "/run=" + run.get("run_id") + "/rejects.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines)
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.get("reason").asText())
                        .startsWith(
                                "conflict: key (period 2025-01-01, facility 46, generator 2) came 2 times in this run")
                        .contains("outage"));
        assertThat(lines)
                .extracting(l -> l.get("row").get("outage").asText())
                .containsExactlyInAnyOrder("0.0", "1242.0");
        // The committed row stays live: still one row for that generator-day, the one of the first run.
        assertThat(stored(GENERATOR))
                .filteredOn(r -> r.get("generator").equals("2")
                        && r.get("period").toString().equals("2025-01-01"))
                .extracting(r -> r.get("outage"))
                .containsExactly(0.0);

        EIA.serveGenerator(rows.stream().map(r -> r == running ? out : r).toList());
        Map<String, Object> next = runOfExpecting(GENERATOR, "succeeded");

        // The key was not marked seen: EIA's settled value is stored as a revision.
        assertThat(counts(next, GENERATOR)).containsEntry("rows_accepted", 1).containsEntry("rows_revised", 1);
        EIA.server().verify(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH)));
    }

    /** EIA renamed a value column: storing the rows would blank every stored value (a "revision" to null). */
    @Test
    void rows_without_a_requested_value_column_are_quarantined_not_stored_as_missing() throws Exception {
        List<Map<String, String>> rows = EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1));
        EIA.serveGenerator(rows);
        runOfExpecting(GENERATOR, "succeeded");
        // Two pages of 4 and 2 rows whose "outage" column came back as "outage-renamed".
        for (int offset : new int[] {0, 4}) {
            StringBuilder data = new StringBuilder();
            for (Map<String, String> row : rows.subList(offset, Math.min(rows.size(), offset + 4))) {
                data.append(data.isEmpty() ? "" : ",")
                        .append(String.format(
                                "{\"period\":\"%s\",\"facility\":\"46\","
                                        + "\"facilityName\":\"Browns Ferry\",\"generator\":\"%s\",\"capacity\":\"%s\","
                                        + "\"outage-renamed\":\"%s\",\"percentOutage\":\"%s\"}",
                                row.get("period"),
                                row.get("generator"),
                                row.get("capacity"),
                                row.get("outage"),
                                row.get("percentOutage")));
            }
            EIA.server()
                    .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                            .withQueryParam("offset", equalTo("" + offset))
                            .willReturn(aResponse()
                                    .withHeader("Content-Type", "application/json")
                                    .withBody("{\"response\":{\"total\":\"6\",\"frequency\":\"daily\",\"data\":[" + data
                                            + "]}}")));
        }

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat(counts(run, GENERATOR))
                .containsEntry("rows_quarantined", 6)
                .containsEntry("rows_accepted", 0)
                .containsEntry("rows_revised", 0);
        assertThat((List<String>) run.get("warnings"))
                .containsExactly(
                        "generator-nuclear-outages: all 6 rows "
                                + "quarantined: unparsable row: it has no field 'outage', which the request asks for (data[]) (see data/quarantine/)");
        assertThat(stored(GENERATOR)).hasSize(6).noneMatch(r -> r.get("outage") == null);
    }

    /** The key of a conflict is not marked seen: its period is asked for again, even outside the look-back. */
    @Test
    void a_conflict_in_a_backfill_is_asked_for_again_by_the_next_runs_until_eia_answers_it_consistently()
            throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3 * 40, LocalDate.of(2025, 1, 1)));
        Map<String, String> first = rows.get(0);
        rows.add(EiaStub.revised(first, "outage", "1000"));
        EIA.serveGenerator(rows);
        runOfExpecting(GENERATOR, "degraded");
        assertThat(stored(GENERATOR))
                .noneMatch(r -> r.get("period").toString().equals("2025-01-01")
                        && r.get("generator").equals("1"));

        EIA.reset();
        Map<String, Object> still = runOfExpecting(GENERATOR, "degraded");
        assertThat(counts(still, GENERATOR)).containsEntry("conflicts", 1);
        assertThat(EIA.server().findAll(getRequestedFor(urlPathEqualTo(EiaStub.GENERATOR_PATH))))
                .extracting(r -> r.queryParameter("start").firstValue() + ".."
                        + (r.queryParameter("end").isPresent()
                                ? r.queryParameter("end").firstValue()
                                : ""))
                .contains("2025-01-01..2025-01-01");

        rows.remove(rows.size() - 1);
        EIA.serveGenerator(rows);
        Map<String, Object> resolved = runOfExpecting(GENERATOR, "succeeded");

        assertThat(counts(resolved, GENERATOR))
                .containsEntry("rows_accepted", 1)
                .containsEntry("conflicts", 0);
        assertThat(stored(GENERATOR)).hasSize(rows.size());
        assertThat(dataDir().resolve("raw/" + GENERATOR + "/_conflicts.json")).doesNotExist();
    }

    @Test
    void an_incremental_run_that_receives_nothing_where_rows_were_stored_is_not_a_success() {
        EIA.serveGenerator(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        runOfExpecting(GENERATOR, "succeeded");
        EIA.serveGenerator(List.of());

        Map<String, Object> run = runOfExpecting(GENERATOR, "degraded");

        assertThat((List<String>) run.get("warnings"))
                .containsExactly(
                        "generator-nuclear-outages: asked again for its "
                                + "newest stored periods and received no rows at all: EIA may have withdrawn them, or the route or its facets changed");
    }

    private Map<?, ?> pipelineHealth() {
        Map<?, ?> health = http.getForEntity("/actuator/health", Map.class).getBody();
        return (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("pipeline");
    }
}
