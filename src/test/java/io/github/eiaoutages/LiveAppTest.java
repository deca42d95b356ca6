package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with an EIA key, reading from a WireMock EIA ({@link EiaStub}). Every test method gets a
 * fresh application and empty data folders, so incremental state never leaks between tests.
 */
@CamelSpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "pipeline.run-on-startup=false",
            "pipeline.schedule.enabled=false",
            "pipeline.eia.api-key=test-secret-key",
            "pipeline.eia.page-size=4",
            "pipeline.eia.requests-per-second=50",
            "pipeline.eia.retry.base-delay-ms=10",
            "pipeline.eia.retry.max-delay-ms=200",
            // One backfill window per dataset unless a test asks for more, so request counts stay exact.
            "pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
            "pipeline.datasets.generator-nuclear-outages.window-days=36500",
            "pipeline.datasets.facility-nuclear-outages.start=2025-01-01",
            "pipeline.datasets.facility-nuclear-outages.window-days=36500",
            "pipeline.datasets.us-nuclear-outages.start=2025-01-01",
            "pipeline.datasets.us-nuclear-outages.window-days=36500"
        })
public abstract class LiveAppTest {

    protected static final String GENERATOR = "generator-nuclear-outages";
    protected static final EiaStub EIA = new EiaStub();
    private static final AtomicReference<Path> WORK = new AtomicReference<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pipeline.eia.base-url", EIA::baseUrl);
        // Suppliers are asked on every look-up of the key: the folder is made once per application.
        registry.add(
                "pipeline.storage.data-dir", () -> workDir().resolve("data").toString());
        registry.add(
                "pipeline.storage.modeled-dir",
                () -> workDir().resolve("modeled").toString());
        registry.add("camel.main.name", () -> "live-app-" + workDir().getFileName());
    }

    @Autowired
    protected TestRestTemplate http;

    @BeforeEach
    void resetStub() {
        EIA.reset();
        EIA.delay(0);
    }

    @AfterEach
    void nextTestGetsNewFolders() {
        WORK.set(null);
    }

    @AfterAll
    static void keepStubForNextClass() {
        EIA.reset();
    }

    protected static Path dataDir() {
        return workDir().resolve("data");
    }

    protected static Path modeledDir() {
        return workDir().resolve("modeled");
    }

    /** POST /refresh?wait=true, expecting the run to end as {@code status}. */
    protected Map<String, Object> runExpecting(String status) {
        return runExpecting(status, "/refresh?wait=true");
    }

    /** POST /refresh?wait=true&dataset={@code dataset}: a run of that dataset alone, expected to end as {@code status}. */
    protected Map<String, Object> runOfExpecting(String dataset, String status) {
        return runExpecting(status, "/refresh?wait=true&dataset=" + dataset);
    }

    /** POST {@code uri} (a /refresh?wait=true with parameters), expecting the run to end as {@code status}. */
    protected Map<String, Object> runExpecting(String status, String uri) {
        ResponseEntity<Map> response = http.postForEntity(uri, null, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = response.getBody();
        assertThat(run)
                .as("POST /refresh?wait=true answered %s", response.getStatusCode())
                .isNotNull();
        assertThat(run.get("status")).as("run %s", run).isEqualTo(status);
        return run;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> counts(Map<String, Object> run, String dataset) {
        return ((Map<String, Map<String, Object>>) run.get("datasets")).get(dataset);
    }

    protected static List<Map<String, Object>> stored(String dataset) throws Exception {
        return RawFiles.committedRows(dataDir(), dataset);
    }

    private static Path workDir() {
        return WORK.updateAndGet(dir -> {
            if (dir != null) {
                return dir;
            }
            try {
                return Files.createTempDirectory("eia-live-app-");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
