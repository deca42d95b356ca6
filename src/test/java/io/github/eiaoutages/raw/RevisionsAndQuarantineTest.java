package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Revised rows are stored again and counted; rows that cannot be stored are quarantined, never dropped. */
class RevisionsAndQuarantineTest extends LiveAppTest {

    @Test
    void a_row_eia_revised_is_stored_as_a_revision_and_identical_rows_are_duplicates() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        rows.set(1, EiaStub.revised(rows.get(1), "outage", "300"));
        EIA.serveGenerator(rows);

        Map<String, Object> second = runExpecting("succeeded");

        assertThat(counts(second, GENERATOR))
                .containsEntry("rows_received", 6)
                .containsEntry("rows_accepted", 1)
                .containsEntry("rows_revised", 1)
                .containsEntry("rows_duplicate", 5);
        List<Map<String, Object>> versions = stored(GENERATOR).stream()
                .filter(r -> r.get("period").toString().equals(rows.get(1).get("period"))
                        && r.get("generator").equals(rows.get(1).get("generator")))
                .toList();
        assertThat(versions).extracting(r -> r.get("outage")).containsExactlyInAnyOrder(0.0, 300.0);
        assertThat(dataDir().resolve("raw/" + GENERATOR + "/run=" + second.get("run_id") + "/_manifest.json"))
                .content()
                .contains("\"revisions\" : 1");
    }

    @Test
    void a_value_eia_revised_and_then_put_back_is_stored_again_and_served() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        Map<String, String> original = rows.get(1);
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        rows.set(1, EiaStub.revised(original, "outage", "300"));
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        rows.set(1, original);
        EIA.serveGenerator(rows);

        Map<String, Object> third = runExpecting("succeeded");

        // The live version was 300: the first value, sent again, is a revision of it, not a duplicate of run 1.
        assertThat(counts(third, GENERATOR))
                .containsEntry("rows_accepted", 1)
                .containsEntry("rows_revised", 1)
                .containsEntry("rows_duplicate", 5);
        List<Map<String, Object>> versions = stored(GENERATOR).stream()
                .filter(r -> r.get("period").toString().equals(original.get("period"))
                        && r.get("generator").equals(original.get("generator")))
                .sorted(java.util.Comparator.comparing(r -> r.get("_run_id").toString()))
                .toList();
        assertThat(versions)
                .extracting(r -> r.get("outage"))
                .containsExactly(Double.valueOf(original.get("outage")), 300.0, Double.valueOf(original.get("outage")));
    }

    @Test
    void a_conflict_on_a_key_whose_value_was_put_back_quarantines_its_live_version_once() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        Map<String, String> original = rows.get(1);
        Map<String, String> revised = EiaStub.revised(original, "outage", "300");
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        rows.set(1, revised);
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        rows.set(1, original);
        EIA.serveGenerator(rows);
        runExpecting("succeeded");
        // Stored: original (run 1), 300 (run 2), original again (run 3). Now EIA sends both values in one run.
        rows.add(revised);
        EIA.serveGenerator(rows);

        Map<String, Object> run = runExpecting("degraded");

        assertThat(counts(run, GENERATOR)).containsEntry("conflicts", 1);
        Path rejects = dataDir().resolve("quarantine/" + GENERATOR + "/run=" + run.get("run_id") + "/rejects.jsonl");
        List<String> lines = Files.readAllLines(rejects);
        assertThat(lines).as("each quarantined row once").doesNotHaveDuplicates();
        assertThat(((Number) counts(run, GENERATOR).get("rows_quarantined")).intValue())
                .isEqualTo(lines.size());
    }

    @Test
    void bad_rows_go_to_quarantine_with_the_reason_and_the_row_and_the_run_goes_on() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3, LocalDate.of(2025, 2, 1)));
        Map<String, String> noGenerator = new LinkedHashMap<>(rows.get(0));
        noGenerator.remove("generator");
        rows.add(noGenerator);
        rows.add(EiaStub.revised(EiaStub.revised(rows.get(0), "generator", "7"), "capacity", "n/a"));
        rows.add(EiaStub.revised(EiaStub.revised(rows.get(0), "generator", "8"), "capacity", "-5"));
        rows.add(EiaStub.revised(EiaStub.revised(rows.get(0), "generator", "9"), "outage", "1300"));
        // Withheld: null is missing, not zero, and the row is kept.
        rows.add(EiaStub.revised(EiaStub.revised(rows.get(0), "generator", "10"), "outage", null));
        EIA.serveGenerator(rows);

        Map<String, Object> run = runExpecting("succeeded");

        assertThat(counts(run, GENERATOR))
                .containsEntry("rows_received", 8)
                .containsEntry("rows_quarantined", 4)
                .containsEntry("rows_accepted", 4);
        Path rejects = dataDir().resolve("quarantine/" + GENERATOR + "/run=" + run.get("run_id") + "/rejects.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines)
                .extracting(l -> l.get("reason").asText())
                .containsExactlyInAnyOrder(
                        "missing key field 'generator'",
                        "unparsable double 'n/a' in field 'capacity'",
                        "impossible value: negative capacity -5.0",
                        "impossible value: outage 1300.0 exceeds capacity 1254.8");
        assertThat(lines)
                .allSatisfy(
                        l -> assertThat(l.get("row").get("facility").asText()).isEqualTo("46"));
        assertThat(Files.readString(rejects)).doesNotContain("test-secret-key").doesNotContain("api_key");
        Map<String, Object> withheld = stored(GENERATOR).stream()
                .filter(r -> r.get("generator").equals("10"))
                .findFirst()
                .orElseThrow();
        assertThat(withheld.get("outage")).isNull();
    }
}
