package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The packaged application, killed with SIGKILL in the middle of multi-page runs against a slow EIA, restarted,
 * and run again: the committed raw rows are exactly those a clean process would hold — nothing lost, nothing twice.
 */
class KillRecoveryIT extends JarProcess {

    @Test
    void runs_killed_mid_way_leave_nothing_behind_and_the_next_runs_store_every_row_once() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3 * 400, LocalDate.of(2025, 1, 1)));
        EIA.serveGenerator(rows);
        EIA.delay(100);

        // A backfill of 60 pages, killed after 15.
        start();
        killDuringRun(15);
        assertThat(committedRunFolders()).isEmpty();
        assertThat(work.resolve("data/raw/generator-nuclear-outages/_staging")).isDirectory();

        start();
        assertThat(work.resolve("data/raw/generator-nuclear-outages/_staging")).doesNotExist();
        // The killed run is still in the history, closed as interrupted.
        Map<?, ?> killed = (Map<?, ?>) RestClient.create(base())
                .get()
                .uri("/runs?limit=1")
                .retrieve()
                .body(List.class)
                .get(0);
        assertThat(killed.get("status")).isEqualTo("interrupted");
        assertThat(killed.containsKey("progress"))
                .as("live progress on a run that is over")
                .isFalse();
        assertThat((String) killed.get("error")).startsWith("interrupted: the application stopped during this run");
        assertThat(refreshAndWait().get("status")).isEqualTo("succeeded");
        assertStoredExactly(rows);

        // EIA revises 5 days and publishes 60 more; the incremental run (11 pages) is killed after 3.
        for (int i = rows.size() - 30; i < rows.size() - 25; i++) {
            rows.set(i, EiaStub.revised(rows.get(i), "outage", "111.1"));
        }
        List<Map<String, String>> before = new ArrayList<>(stored());
        rows.addAll(EiaStub.generatorRows(3 * 60, LocalDate.of(2025, 1, 1).plusDays(400)));
        EIA.serveGenerator(rows);
        killDuringRun(3);
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(before);

        start();
        assertThat(refreshAndWait().get("status")).isEqualTo("succeeded");
        List<Map<String, String>> expected = new ArrayList<>(before);
        Set<Map<String, String>> known = new HashSet<>(before);
        rows.stream().filter(r -> !known.contains(r)).forEach(expected::add);
        assertStoredExactly(expected);
        assertThat(stored()).hasSize(1200 + 180 + 5);
    }

    private void start() throws Exception {
        // Small parts, so a killed run has written some into its staging folder.
        start(List.of("--pipeline.eia.api-key=kill-test-key", "--pipeline.storage.rows-per-part=100"));
    }

    /** Starts a run and kills the process with SIGKILL once EIA has answered {@code pages} pages of it. */
    private void killDuringRun(int pages) {
        EIA.server().resetRequests();
        RestClient.create(base()).post().uri("/refresh").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> EIA.generatorRequests() >= pages);
        app.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !app.isAlive());
        app = null;
    }

    private Map<?, ?> refreshAndWait() {
        return RestClient.create(base())
                .post()
                .uri("/refresh?wait=true")
                .retrieve()
                .body(Map.class);
    }

    private void assertStoredExactly(List<Map<String, String>> expected) throws Exception {
        List<Map<String, String>> stored = stored();
        assertThat(new HashSet<>(stored)).as("no row stored twice").hasSize(stored.size());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<Map<String, String>> stored() throws Exception {
        return RawFiles.committedAsServed(work.resolve("data"), "generator-nuclear-outages");
    }

    private List<Path> committedRunFolders() throws IOException {
        Path dir = work.resolve("data/raw/generator-nuclear-outages");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("run="))
                    .toList();
        }
    }
}
