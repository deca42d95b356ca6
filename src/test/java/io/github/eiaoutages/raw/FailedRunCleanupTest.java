package io.github.eiaoutages.raw;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A run that fails while other windows of it are still fetching and writing parts (found by a breaker: the abort's
 * folder removal raced with a window finishing a part, threw, and the run stayed "running" for good, every later
 * refresh answered 409). Each failed run must be recorded failed, its staging must go, and the next good run
 * stores every row once.
 */
class FailedRunCleanupTest {

    private static final String DATASET = "generator-nuclear-outages";

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void a_run_failing_with_windows_in_flight_ends_failed_and_leaves_no_staging() throws Exception {
        // 330 days x 60 generators: 33 windows of 10 days (600 rows, 6 pages of 100), 8 fetched at once; the page at
        // offset 300 of every window fails for good.
        EIA.serveGenerator(rows(330, 20, LocalDate.of(2025, 1, 1)));
        StubMapping failing = EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .withQueryParam("offset", equalTo("300"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(500)));
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "failed-run-cleanup",
                "--pipeline.datasets." + DATASET + ".window-days=10",
                "--pipeline.eia.max-concurrent-requests=8",
                "--pipeline.eia.retry.attempts=1",
                "--pipeline.eia.retry.base-delay-ms=10",
                "--pipeline.eia.retry.max-delay-ms=50",
                "--pipeline.eia.requests-per-second=500",
                "--pipeline.storage.rows-per-part=100",
                "--pipeline.eia.page-size=100")) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                String runId = (String)
                        TestApps.post(app, "/refresh?dataset=" + DATASET).get("run_id");
                assertThat(runId).as("attempt %d started", attempt).isNotNull();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .alias("run " + runId + " ends")
                        .until(() -> !"running"
                                .equals(TestApps.get(app, "/runs/" + runId).get("status")));
                assertThat(TestApps.get(app, "/runs/" + runId).get("status")).isEqualTo("failed");
                assertThat(RawFiles.committedRows(work.resolve("data"), DATASET))
                        .isEmpty();
            }

            EIA.server().removeStub(failing);
            Map<?, ?> good = TestApps.refreshAndWait(app, DATASET);
            assertThat(good.get("status")).as("%s", good).isIn("succeeded", "degraded");
            assertThat(staging()).as("staging of the failed runs").isEmpty();
        }
        List<Map<String, Object>> rows = RawFiles.committedRows(work.resolve("data"), DATASET);
        assertThat(rows).hasSize(330 * 60);
        assertThat(rows.stream().map(r -> r.get("_row_fp")).distinct().count()).isEqualTo(330 * 60);
    }

    /** {@code days} days of {@code plants} plants with 3 units each. */
    private static List<Map<String, String>> rows(int days, int plants, LocalDate first) {
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int p = 0; p < plants; p++) {
                for (int u = 1; u <= 3; u++) {
                    boolean out = (d + p + u) % 5 == 0;
                    rows.add(Map.of(
                            "period",
                            first.plusDays(d).toString(),
                            "facility",
                            Integer.toString(100 + p),
                            "facilityName",
                            "Plant " + p,
                            "generator",
                            Integer.toString(u),
                            "capacity",
                            "1000",
                            "outage",
                            out ? "500" : "0",
                            "percentOutage",
                            out ? "50" : "0"));
                }
            }
        }
        return rows;
    }

    private List<Path> staging() throws Exception {
        try (Stream<Path> files = Files.walk(work.resolve("data/raw"))) {
            return files.filter(p -> p.toString().contains("_staging")).toList();
        }
    }
}
