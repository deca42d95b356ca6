package io.github.eiaoutages.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.LiveAppTest;
import io.github.eiaoutages.RawFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Readers never see a half-published model. Each rebuild adds one plant with one outage, so snapshot n holds
 * exactly n events and every event's plant exists only from snapshot n on: an answer mixing one build's facts
 * with another build's plants would show a wrong total or an event without its plant.
 */
class SnapshotSwapTest extends LiveAppTest {

    private static final int BUILDS = 30;

    @Autowired
    OutageModelBuilder builder;

    @Test
    void data_read_in_a_tight_loop_while_the_model_is_rebuilt_is_always_one_whole_snapshot() throws Exception {
        Map<String, Long> eventsBySnapshot = new ConcurrentHashMap<>();
        addPlantAndBuild(1, eventsBySnapshot);

        CompletableFuture<Void> rebuilds = CompletableFuture.runAsync(() -> {
            for (int n = 2; n <= BUILDS; n++) {
                addPlantAndBuild(n, eventsBySnapshot);
            }
        });
        List<Map<String, Object>> answers = new ArrayList<>();
        while (!rebuilds.isDone() || answers.isEmpty()) {
            ResponseEntity<Map> response = http.getForEntity("/data?limit=1000", Map.class);
            assertThat(response.getStatusCode().value())
                    .as("answer %s", response.getBody())
                    .isEqualTo(200);
            answers.add(response.getBody());
        }
        rebuilds.get();

        assertThat(answers.size()).as("reads during %d rebuilds", BUILDS - 1).isGreaterThan(20);
        assertThat(answers.stream().map(a -> a.get("snapshot")).distinct().count())
                .isGreaterThan(5);
        for (Map<String, Object> answer : answers) {
            Long expected = eventsBySnapshot.get((String) answer.get("snapshot"));
            assertThat(((Number) answer.get("total")).longValue())
                    .as("total of %s", answer.get("snapshot"))
                    .isEqualTo(expected);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.get("data");
            assertThat(rows)
                    .hasSize(expected.intValue())
                    .allSatisfy(r -> assertThat(r.get("plant_name")).isNotNull());
        }
    }

    private void addPlantAndBuild(int n, Map<String, Long> eventsBySnapshot) {
        try {
            RawFiles.writeGeneratorRun(
                    dataDir(),
                    String.format("20250101T0000%02d000Z", n),
                    String.format(
                            "('2025-01-01','%d','Plant %d','1',1000.0,500.0,50.0), ('2025-01-02','%d','Plant %d','1',1000.0,0.0,0.0)",
                            n, n, n, n));
            ModelBuild build = builder.build();
            eventsBySnapshot.put(build.snapshotId(), build.rows().get("fact_outage"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
