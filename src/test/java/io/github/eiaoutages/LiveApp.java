package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * What every test of the application with an EIA key has: the WireMock EIA it reads from ({@link EiaStub}), an HTTP
 * client for the application, its folders, and helpers to run it. Two kinds: {@link LiveAppTest} (one application
 * shared by every such test, the usual) and {@link OwnLiveAppTest} (an application of the test class's own settings,
 * for tests about a setting). Test classes run one after the other in a JVM, so the folders of the application in
 * use are a static of this class.
 */
public abstract class LiveApp {

    protected static final String GENERATOR = "generator-nuclear-outages";
    protected static final EiaStub EIA = new EiaStub();
    private static volatile Path work;

    /** The running application's client, its root URI set. */
    protected TestRestTemplate http;

    /** The folders ({@code data/}, {@code modeled/} under {@code folder}) of the application the next test uses. */
    static void use(Path folder) {
        work = folder;
    }

    protected static Path dataDir() {
        return work.resolve("data");
    }

    protected static Path modeledDir() {
        return work.resolve("modeled");
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
}
