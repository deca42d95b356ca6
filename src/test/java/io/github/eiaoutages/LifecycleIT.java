package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application from a probe's point of view: no 404 or 500 while it starts, the snapshot on disk loaded
 * before readiness, and a quick exit when stopped idle; the watched start is {@code java -jar}, as the README runs it.
 */
class LifecycleIT extends JarProcess {

    /** Set for the start that is watched: the other ITs start the README's CDS command, so both forms are tried. */
    private boolean plainJar;

    /** The plain {@code java -jar} for the watched start. */
    @Override
    List<String> java() {
        return plainJar ? PackagedJar.fatJar("512m") : super.java();
    }

    @Test
    void a_starting_server_never_answers_404_or_500_and_a_stop_while_idle_takes_seconds() throws Exception {
        // A model on disk first: the sample data, ingested at startup.
        start(List.of("--pipeline.eia.api-key=", "--pipeline.run-on-startup=true"));
        await().atMost(PackagedJar.STARTUP).until(() -> status("/data?limit=1") == 200);
        assertThat(stopSeconds()).as("seconds from SIGTERM to exit, idle").isLessThan(5);

        plainJar = true;
        launch(List.of("--pipeline.eia.api-key=", "--pipeline.run-on-startup=false"));
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        long deadline = System.nanoTime() + PackagedJar.STARTUP.toNanos();
        while (status("/actuator/health/readiness") != 200) {
            PackagedJar.assertAlive(app, log);
            assertThat(System.nanoTime())
                    .as("ready within %s", PackagedJar.STARTUP)
                    .isLessThan(deadline);
            for (String endpoint : README_ENDPOINTS) {
                int status = status(endpoint);
                if (status != 0) {
                    seen.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(status);
                }
            }
        }
        assertThat(seen.values())
                .as("answers while starting: %s", seen)
                .allSatisfy(statuses -> assertThat(statuses).doesNotContain(404, 500));
        assertThat(seen)
                .as("answers seen before readiness (the server listens before it is ready)")
                .isNotEmpty();
        for (String endpoint : README_ENDPOINTS) {
            assertThat(status(endpoint)).as("%s once ready", endpoint).isIn(200, 302, 503);
        }
        assertThat(status("/data?limit=1"))
                .as("the snapshot on disk is loaded before readiness")
                .isEqualTo(200);
        assertThat(stopSeconds()).isLessThan(5);
    }
}
