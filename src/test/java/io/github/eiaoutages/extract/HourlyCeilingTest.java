package io.github.eiaoutages.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Besides the per-second ceiling, an hourly one: past it, requests wait for the next hour. */
@OwnLiveAppTest.Settings("pipeline.eia.requests-per-hour=3")
class HourlyCeilingTest extends OwnLiveAppTest {

    @Test
    void no_more_than_the_hourly_ceiling_reaches_eia() {
        EIA.serveGenerator(EiaStub.generatorRows(30, LocalDate.of(2025, 1, 1)));

        String runId = (String)
                http.postForEntity("/refresh", null, Map.class).getBody().get("run_id");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> EIA.server()
                                .findAll(getRequestedFor(urlPathMatching("/v2/.*")))
                                .size()
                        == 3);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> EIA.server()
                                .findAll(getRequestedFor(urlPathMatching("/v2/.*")))
                                .size()
                        == 3);
        assertThat(http.getForEntity("/runs/" + runId, Map.class).getBody().get("status"))
                .isEqualTo("running");

        // A stop while the run waits for the next hour takes the grace period (2 s here), not Camel's 45 s
        // shutdown-timeout or the 10 s Camel's throttle held it: the rate limiter releases the wait when the app stops.
        long started = System.nanoTime();
        app().close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
}
