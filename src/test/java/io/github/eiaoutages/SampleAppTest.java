package io.github.eiaoutages;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as a new user starts it: no EIA key, so it serves the bundled sample EIA API to itself and
 * ingests and models it at startup. Subclasses share one context (same configuration, cached by Spring).
 */
@CamelSpringBootTest
@DisableJmx(false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camel.main.name=sample-app-test",
            "pipeline.eia.api-key=",
            "pipeline.run-on-startup=true",
            "pipeline.schedule.enabled=false"
        })
public abstract class SampleAppTest {

    protected static final Path WORK = TestFolders.create("eia-sample-app-");

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("pipeline.storage.data-dir", () -> WORK.resolve("data").toString());
        registry.add(
                "pipeline.storage.modeled-dir", () -> WORK.resolve("modeled").toString());
    }

    @Autowired
    protected TestRestTemplate http;

    /**
     * The startup run ingests and models the sample; wait for its model instead of sleeping. The poll starts while
     * the server is still coming up, so a failed connection only means "not yet".
     */
    @BeforeEach
    void awaitStartupModel() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> http.getForEntity("/data?limit=1", String.class)
                                .getStatusCode()
                                .value()
                        == 200);
    }

    /** GET {@code path}, expecting 200, as a JSON object. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> get(String path) {
        ResponseEntity<Map> response = http.getForEntity(path, Map.class);
        org.assertj.core.api.Assertions.assertThat(response.getStatusCode().value())
                .as("%s -> %s", path, response.getBody())
                .isEqualTo(200);
        return response.getBody();
    }

    /** The {@code data} rows of a paged answer. */
    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> rows(Map<?, ?> page) {
        return (List<Map<String, Object>>) page.get("data");
    }

    /** All events of {@code GET /data} with {@code filters} (e.g. "&sort=-energy_lost_mwh"), page by page. */
    protected List<Map<String, Object>> allEvents(String filters) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, Object> answer = get("/data?limit=1000&page=" + page + filters);
            events.addAll(rows(answer));
            if (events.size() >= ((Number) answer.get("total")).longValue()) {
                return events;
            }
        }
    }
}
