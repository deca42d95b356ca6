package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A window's last part is written when the window ends, not when the run ends (found by a new-user helper: with
 * windows smaller than rows-per-part, a whole backfill waited in memory for the run's end and a 2 M-row backfill
 * never finished at -Xmx512m).
 */
class WindowPartsTest {

    private static final String DATASET = "generator-nuclear-outages";

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void each_window_writes_its_last_part_as_it_ends_while_the_run_goes_on() throws Exception {
        // 5 windows of 60 days (180 rows, 2 pages of 100) fetched one at a time, EIA taking 300 ms a page; parts of
        // 1,000 rows would never fill.
        EIA.serveGenerator(EiaStub.generatorRows(900, LocalDate.of(2025, 1, 1)));
        EIA.delay(300);
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "window-parts",
                "--pipeline.datasets." + DATASET + ".window-days=60",
                "--pipeline.eia.max-concurrent-requests=1",
                "--pipeline.eia.page-size=100",
                "--pipeline.storage.rows-per-part=1000")) {
            String runId =
                    (String) TestApps.post(app, "/refresh?dataset=" + DATASET).get("run_id");
            int pagesAtFirstPart = -1;
            while ("running".equals(TestApps.get(app, "/runs/" + runId).get("status"))) {
                if (pagesAtFirstPart < 0 && stagedParts() > 0) {
                    pagesAtFirstPart = pagesServed();
                }
                Thread.sleep(20);
            }
            assertThat(TestApps.get(app, "/runs/" + runId).get("status")).isEqualTo("succeeded");
            // The first window's part was on disk while the later windows' 8 pages were still to be fetched.
            assertThat(pagesAtFirstPart)
                    .as("data pages EIA had served when the first part was written")
                    .isBetween(2, 5);
        } finally {
            EIA.delay(0);
        }
        try (Stream<Path> parts = Files.walk(work.resolve("data/raw/" + DATASET))) {
            assertThat(parts.filter(p -> p.toString().endsWith(".parquet")).count())
                    .as("one part per window")
                    .isEqualTo(5);
        }
        assertThat(RawFiles.committedRows(work.resolve("data"), DATASET)).hasSize(900);
    }

    private static int pagesServed() {
        return EIA.server()
                .countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .build())
                .getCount();
    }

    private long stagedParts() throws Exception {
        Path staging = work.resolve("data/raw/" + DATASET + "/_staging");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .count();
        } catch (java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
