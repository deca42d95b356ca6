package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One request per row of the README's "Errors" table, plus a 415: every answer is an RFC 9457 problem
 * ({@code application/problem+json}) with the same members, whichever part of the server (Camel route, Spring MVC,
 * Spring Security) gave it.
 */
class ErrorTableTest {

    private static final String TOKEN = "error-table-token";
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance");
    /** Members a row of the table adds, by name. */
    private static final Set<String> EXTRAS = Set.of("parameter", "active_run_id");

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String base;

    @Test
    void every_row_of_the_errors_table_is_a_problem_with_the_same_members() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(9, LocalDate.of(2025, 1, 1)));
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        try (ConfigurableApplicationContext app = start()) {
            answers.put("503 no model yet", send("GET", "/data", TOKEN, null, null));
            answers.put("400 bad parameter", send("GET", "/runs?limit=0", TOKEN, null, null));
            answers.put("400 unknown parameter", send("GET", "/runs?limitt=1", TOKEN, null, null));
            answers.put("401 no token", send("GET", "/data", null, null, null));
            answers.put("401 wrong token", send("GET", "/data", "not-the-token", null, null));
            answers.put("404 unknown run", send("GET", "/runs/20990101T000000000Z", TOKEN, null, null));
            answers.put("404 unknown path", send("GET", "/no/such/path", TOKEN, null, null));
            answers.put("405 wrong method", send("DELETE", "/refresh", TOKEN, null, null));
            answers.put("415 unsupported body", send("POST", "/refresh", TOKEN, "text/xml", "<refresh/>"));

            // A run EIA answers slowly is still active when the second POST comes.
            EIA.delay(1500);
            HttpResponse<String> started = send("POST", "/refresh", TOKEN, null, null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            answers.put("409 run active", send("POST", "/refresh", TOKEN, null, null));
            EIA.delay(0);
            awaitIdle();
        }
        // The published model damaged while the server was down: it starts, and answers 503 until a run rebuilds it.
        truncateFactTable();
        try (ConfigurableApplicationContext app = start()) {
            answers.put("503 model unreadable", send("GET", "/data", TOKEN, null, null));
        }
        Map<String, Integer> statuses = new LinkedHashMap<>();
        answers.forEach((row, answer) -> statuses.put(row, answer.statusCode()));
        assertThat(statuses).containsExactlyEntriesOf(expected());
        for (Map.Entry<String, HttpResponse<String>> row : answers.entrySet()) {
            HttpResponse<String> answer = row.getValue();
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(row.getKey())
                    .get()
                    .asString()
                    .startsWith("application/problem+json");
            Map<?, ?> problem = json.readValue(answer.body(), Map.class);
            Set<Object> members = new HashSet<>(problem.keySet());
            members.removeAll(EXTRAS);
            assertThat(members).as("%s: %s", row.getKey(), answer.body()).isEqualTo(MEMBERS);
            assertThat(problem.get("status")).as(row.getKey()).isEqualTo(answer.statusCode());
            assertThat((String) problem.get("detail"))
                    .as(row.getKey())
                    .isNotBlank()
                    .doesNotContain(TOKEN)
                    .doesNotContain("not-the-token");
        }
        assertThat(json.readValue(answers.get("400 bad parameter").body(), Map.class))
                .containsEntry("parameter", "limit");
        assertThat(json.readValue(answers.get("409 run active").body(), Map.class))
                .containsKey("active_run_id");
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext app = TestApps.start(EIA, work, "error-table", "--pipeline.api.token=" + TOKEN);
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        return app;
    }

    private static Map<String, Integer> expected() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("503 no model yet", 503);
        expected.put("400 bad parameter", 400);
        expected.put("400 unknown parameter", 400);
        expected.put("401 no token", 401);
        expected.put("401 wrong token", 401);
        expected.put("404 unknown run", 404);
        expected.put("404 unknown path", 404);
        expected.put("405 wrong method", 405);
        expected.put("415 unsupported body", 415);
        expected.put("409 run active", 409);
        expected.put("503 model unreadable", 503);
        return expected;
    }

    private HttpResponse<String> send(String method, String path, String token, String type, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the active run, then runs once more to the end: the model is published. */
    private void awaitIdle() throws Exception {
        HttpResponse<String> run = send("POST", "/refresh?wait=true", TOKEN, null, null);
        for (int i = 0; i < 300 && run.statusCode() == 409; i++) {
            Thread.sleep(100);
            run = send("POST", "/refresh?wait=true", TOKEN, null, null);
        }
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    }

    private void truncateFactTable() throws Exception {
        try (Stream<Path> files = Files.walk(work.resolve("modeled"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("fact_outage.parquet"))
                    .toList()) {
                Files.write(file, new byte[100]);
            }
        }
    }
}
