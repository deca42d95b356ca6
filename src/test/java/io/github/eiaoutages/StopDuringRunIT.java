package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM during a run that cannot finish in the grace period (EIA taking 15 s a page): the waiting client is
 * answered at once, the process exits within the grace period plus a few seconds, the run is recorded interrupted,
 * nothing of it stays, and the next start runs cleanly.
 */
class StopDuringRunIT extends JarProcess {

    @Test
    void sigterm_during_a_run_that_cannot_finish_interrupts_it_and_the_next_start_runs_clean() throws Exception {
        List<Map<String, String>> rows = EiaStub.generatorRows(3 * 200, LocalDate.of(2025, 1, 1));
        EIA.serveGenerator(rows);
        EIA.delay(500);
        start(List.of("--pipeline.eia.api-key=lifecycle-key", "--pipeline.shutdown.grace-period=4s"));
        CompletableFuture<HttpResponse<String>> waiting =
                HTTP.sendAsync(post("/refresh?wait=true"), HttpResponse.BodyHandlers.ofString());
        // Three requests in (of the first dataset, or its metadata check): the run is under way.
        await().atMost(Duration.ofSeconds(30)).until(() -> EIA.requests() >= 3);
        // From now on EIA takes 15 s a page: requests under way block in socket reads that ignore interrupts.
        EIA.delay(15_000);
        Thread.sleep(1500);
        assertThat(EIA.requestsInFlight())
                .as("a request waiting for its slow page")
                .isPositive();

        long stopped = System.nanoTime();
        app.destroy();
        HttpResponse<String> released = waiting.get(10, TimeUnit.SECONDS);
        double releasedAfter = (System.nanoTime() - stopped) / 1e9;
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        double exitedAfter = (System.nanoTime() - stopped) / 1e9;
        app = null;
        // 4 s of grace, 3 s at most for the interrupted run to record itself, the rest of the stop: not another
        // wait for the requests under way (which took the grace period again, 2 x 4 + 3 s and more, before).
        System.out.printf(
                "StopDuringRunIT: SIGTERM to exit, 4 s of grace, EIA taking 15 s a page: %.1f s%n", exitedAfter);
        assertThat(exitedAfter)
                .as("seconds from SIGTERM to exit, with requests to EIA under way")
                .isLessThan(9.5);

        assertThat(released.statusCode()).isEqualTo(503);
        assertThat(released.body()).contains("interrupted: the application is stopping");
        assertThat(releasedAfter).as("the waiting client is answered at once").isLessThan(2.5);
        Map<?, ?> record = lastRunRecord();
        assertThat(record.get("status")).isEqualTo("interrupted");
        assertThat((String) record.get("error"))
                .contains("pipeline.shutdown.grace-period")
                .contains("nothing of it was committed");
        // Nothing was stored, so no row is a duplicate of a stored one; fetches still under way do not add to it.
        assertThat(((Map<?, ?>) record.get("datasets")).values())
                .allSatisfy(counts -> assertThat(((Map<?, ?>) counts).containsKey("rows_duplicate"))
                        .isFalse());
        assertThat(record.containsKey("progress")).isFalse();
        assertThat(work.resolve("data/raw/generator-nuclear-outages/_staging")).doesNotExist();

        EIA.delay(0);
        start(List.of("--pipeline.eia.api-key=lifecycle-key"));
        assertThat(HTTP.send(
                                post("/refresh?wait=true&dataset=generator-nuclear-outages"),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"status\":\"succeeded\"");
        assertThat(RawFiles.committedRows(work.resolve("data"), "generator-nuclear-outages"))
                .hasSize(rows.size());
    }
}
