package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.SampleAppTest;
import io.github.eiaoutages.problem.Problems;
import io.github.eiaoutages.run.RunAlreadyActiveException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI document generated from the REST DSL describes every parameter and every answer (its success answer
 * with a schema, its errors as problems), and real answers have no member their schema does not declare; Swagger UI
 * is served from the jar.
 */
class OpenApiDocumentTest extends SampleAppTest {

    /** The status codes each operation must declare, success first; every error but 502 is a problem. */
    private static final Map<String, List<String>> ANSWERS = Map.ofEntries(
            Map.entry("get /data", List.of("200", "400", "401", "503")),
            Map.entry("get /plants", List.of("200", "400", "401", "503")),
            Map.entry("get /analytics/top-plants", List.of("200", "400", "401", "503")),
            Map.entry("get /analytics/monthly", List.of("200", "400", "401", "503")),
            Map.entry("get /analytics/national", List.of("200", "400", "401", "503")),
            Map.entry("get /datasets", List.of("200", "400", "401", "503")),
            Map.entry("get /runs", List.of("200", "400", "401", "503")),
            Map.entry("get /runs/{runId}", List.of("200", "400", "401", "404", "503")),
            Map.entry("post /refresh", List.of("200", "202", "400", "401", "409", "502", "503")),
            Map.entry("get /events", List.of("200", "400", "401", "404", "410", "503")),
            Map.entry("post /events/test", List.of("200", "400", "401", "503")),
            // Spring MVC's, not the REST DSL's (EventStreamDocs adds it): no parameter check, an endless stream.
            Map.entry("get /events/stream", List.of("200", "401")));

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Autowired
    private Problems problems;

    @Autowired
    private ObjectMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_and_parameter_has_a_type_a_description_and_numbers_a_range() {
        Map<String, Object> document =
                http.getForEntity("/openapi.json", Map.class).getBody();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) document.get("paths");

        assertThat(paths)
                .containsKeys(
                        "/data",
                        "/plants",
                        "/analytics/top-plants",
                        "/analytics/monthly",
                        "/runs",
                        "/runs/{runId}",
                        "/refresh",
                        "/events",
                        "/events/stream",
                        "/events/test");
        assertThat(((Map<String, Object>) document.get("info")).get("title")).isEqualTo("EIA Outage Pipeline API");
        // A run's status is an enum of the document, interrupted included.
        Map<String, Object> runSchema = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas"))
                        .get("RunRecord");
        assertThat((List<String>)
                        ((Map<String, Object>) ((Map<String, Object>) runSchema.get("properties")).get("status"))
                                .get("enum"))
                .contains("running", "succeeded", "degraded", "failed", "interrupted");
        // Swagger UI renders the description as Markdown: <token> outside code quotes would vanish as an HTML tag.
        assertThat((String) ((Map<String, Object>) document.get("info")).get("description"))
                .contains("`Authorization: Bearer <token>`");
        // Swagger UI's "Authorize" sends the token: a bearer scheme that every operation requires.
        Map<String, Object> schemes =
                (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        assertThat((Map<String, Object>) schemes.get("bearerAuth"))
                .containsEntry("type", "http")
                .containsEntry("scheme", "bearer");
        assertThat((List<Map<String, Object>>) document.get("security"))
                .anySatisfy(r -> assertThat(r).containsKey("bearerAuth"));
        List<Object> dataParameters = ((List<Map<String, Object>>)
                        paths.get("/data").get("get").get("parameters"))
                .stream().map(p -> p.get("name")).toList();
        assertThat(dataParameters)
                .contains(
                        "start_date",
                        "end_date",
                        "facility_id",
                        "generator",
                        "plant_key",
                        "plant_name",
                        "ongoing",
                        "min_duration_hours",
                        "sort",
                        "page",
                        "limit");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation.get("summary")).as("%s %s", method, path).isNotNull();
            for (Map<String, Object> parameter :
                    (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
                String name = path + " " + parameter.get("name");
                Map<String, Object> schema = (Map<String, Object>) parameter.get("schema");
                assertThat(schema.get("type")).as(name).isIn("string", "integer", "boolean");
                String description = (String) parameter.get("description");
                assertThat(description).as(name).isNotBlank();
                if ("integer".equals(schema.get("type"))) {
                    assertThat(description).as(name).containsPattern("\\d+ to \\d+|\\d+ or more");
                }
                if (parameter.get("name").toString().endsWith("_date")) {
                    assertThat(schema.get("format")).as(name).isEqualTo("date");
                }
            }
        }));
    }

    @Test
    void docs_serve_swagger_ui_from_the_jar_pointed_at_the_document() {
        ResponseEntity<String> page = http.getForEntity("/docs/index.html", String.class);
        ResponseEntity<String> script = http.getForEntity("/docs/docs.js", String.class);
        ResponseEntity<String> bundle = http.getForEntity("/webjars/swagger-ui/swagger-ui-bundle.js", String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody())
                .contains("/webjars/swagger-ui/swagger-ui-bundle.js")
                .doesNotContain("http");
        assertThat(script.getBody()).contains("url: \"/openapi.json\"");
        assertThat(bundle.getStatusCode().value()).isEqualTo(200);
        assertThat(bundle.getBody()).contains("SwaggerUIBundle");
        assertThat(http.getForEntity("/docs", String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_declares_its_success_answer_with_a_schema_and_its_errors_as_problems() {
        Map<String, Object> document =
                http.getForEntity("/openapi.json", Map.class).getBody();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        List<String> operations = new ArrayList<>();

        paths.forEach((path, byMethod) -> byMethod.forEach((method, operation) -> {
            String name = method + " " + path;
            operations.add(name);
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertThat(responses.keySet()).as(name).containsExactlyInAnyOrderElementsOf(ANSWERS.get(name));
            responses.forEach((code, response) -> {
                assertThat((String) response.get("description"))
                        .as("%s %s", name, code)
                        .isNotBlank();
                Map<String, Object> schema = schemaOf(response);
                assertThat(schema).as("%s %s has a schema", name, code).isNotNull();
                if (code.startsWith("4") || code.equals("503")) {
                    assertThat(schema.get("$ref")).as("%s %s", name, code).isEqualTo(PROBLEM);
                } else if (((Map<String, Object>) response.get("content")).containsKey("application/json")) {
                    assertThat(schema.get("$ref") != null || schema.get("items") != null)
                            .as("%s %s names its type", name, code)
                            .isTrue();
                }
            });
        }));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(ANSWERS.keySet());
    }

    /**
     * Each operation's real answers (success and errors) against the schema the document declares for their status:
     * a member the schema does not have, or of another JSON type, fails. {@code /data}'s rows, written from the
     * columns rather than from a record, must also have every member their schema declares.
     */
    @Test
    @SuppressWarnings("unchecked")
    void real_answers_have_only_members_their_schema_declares() throws Exception {
        Map<String, Object> document =
                http.getForEntity("/openapi.json", Map.class).getBody();
        Map<String, Object> schemas =
                (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        awaitNoActiveRun();
        Map<String, List<Answer>> answers = new LinkedHashMap<>();
        answer(answers, "get /data", "/data?limit=5&sort=-energy_lost_mwh", 200);
        answer(answers, "get /data", "/data?ongoing=true&limit=2", 200);
        answer(answers, "get /plants", "/plants?limit=3", 200);
        answer(answers, "get /analytics/top-plants", "/analytics/top-plants?limit=3", 200);
        answer(answers, "get /analytics/monthly", "/analytics/monthly?facility_id=46&start_date=2025-01-01", 200);
        answer(
                answers,
                "get /analytics/national",
                "/analytics/national?start_date=2025-01-01&end_date=2025-01-03",
                200);
        answer(answers, "get /datasets", "/datasets", 200);
        Answer refreshed = answer(
                answers, "post /refresh", "/refresh?wait=true&dataset=us-nuclear-outages&preview=true&head=2", 200);
        Answer accepted = answer(
                answers, "post /refresh", "/refresh?dataset=us-nuclear-outages&start=2025-01-01&end=2025-01-03", 202);
        answer(answers, "get /runs/{runId}", "/runs/" + ((Map<?, ?>) accepted.body()).get("run_id"), 200);
        awaitNoActiveRun();
        answer(answers, "get /runs", "/runs?limit=200", 200);
        answer(answers, "get /runs/{runId}", "/runs/" + ((Map<?, ?>) refreshed.body()).get("run_id"), 200);
        answer(answers, "get /runs/{runId}", "/runs/nope", 404);
        answer(answers, "get /events", "/events?limit=3", 200);
        Answer latest = answer(answers, "get /events", "/events?latest=2", 200);
        answer(answers, "get /events", "/events?since=20200101T000000000Z/snapshot.initial", 410);
        // An event of a snapshot the history holds, but not one it has: 404.
        String snapshot = ((String) ((Map<?, ?>) ((List<?>) latest.body()).get(0)).get("id")).split("/")[0];
        answer(answers, "get /events", "/events?since=" + snapshot + "/99-9-20990101/outage.started", 404);
        answer(answers, "post /events/test", "/events/test", 200);
        for (String operation : ANSWERS.keySet()) {
            if (!ANSWERS.get(operation).contains("400")) {
                continue;
            }
            // A parameter no endpoint takes: a 400 from every operation of the REST DSL, naming it.
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{runId}", "nope");
            answer(answers, operation, path + "?no_such_parameter=1", 400);
        }
        // A 409 as the api-errors route writes it (a second run cannot be made to collide on cue).
        answers.get("post /refresh")
                .add(new Answer(
                        "409",
                        json.readValue(
                                problems.json(
                                        new RunAlreadyActiveException("20261130T020639062Z", "vm-1", List.of()),
                                        "/refresh"),
                                Map.class)));

        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        answers.forEach((operation, real) -> {
            String[] methodAndPath = operation.split(" ", 2);
            Map<String, Object> responses = (Map<String, Object>)
                    paths.get(methodAndPath[1]).get(methodAndPath[0]).get("responses");
            for (Answer answer : real) {
                assertThat(responses)
                        .as("%s declares %s", operation, answer.status())
                        .containsKey(answer.status());
                Map<String, Object> schema = schemaOf((Map<String, Object>) responses.get(answer.status()));
                assertThat(schema)
                        .as("%s answers %s", operation, answer.status())
                        .isNotNull();
                fits(operation + " " + answer.status(), answer.body(), schema, schemas);
            }
        });
        Map<String, Object> event = (Map<String, Object>) schemas.get("OutageEventRow");
        for (Answer page : answers.get("get /data")) {
            if (!page.status().equals("200")) {
                continue;
            }
            for (Object row : (List<Object>) ((Map<String, Object>) page.body()).get("data")) {
                assertThat(((Map<String, Object>) row).keySet())
                        .containsExactlyInAnyOrderElementsOf(((Map<String, Object>) event.get("properties")).keySet());
            }
        }
    }

    private record Answer(String status, Object body) {}

    private Answer answer(Map<String, List<Answer>> answers, String operation, String url, int status) {
        HttpMethod method = operation.startsWith("post") ? HttpMethod.POST : HttpMethod.GET;
        ResponseEntity<Object> response = http.exchange(url, method, null, Object.class);
        assertThat(response.getStatusCode().value())
                .as("%s %s -> %s", method, url, response.getBody())
                .isEqualTo(status);
        Answer answer = new Answer(String.valueOf(status), response.getBody());
        answers.computeIfAbsent(operation, o -> new ArrayList<>()).add(answer);
        return answer;
    }

    /** The JSON schema of a response's only media type, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemaOf(Map<String, Object> response) {
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
        if (content == null || content.size() != 1) {
            return null;
        }
        return (Map<String, Object>) content.values().iterator().next().get("schema");
    }

    /** Fails when {@code value} has a member (at any depth) its schema does not declare, or another JSON type. */
    @SuppressWarnings("unchecked")
    private static void fits(String where, Object value, Map<String, Object> schema, Map<String, Object> schemas) {
        while (schema.get("$ref") instanceof String ref) {
            schema = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(schema).as("%s: %s", where, ref).isNotNull();
        }
        if (value == null) {
            return;
        }
        Object type = schema.get("type");
        if (value instanceof Map<?, ?> object) {
            assertThat(type).as("%s is an object", where).isIn("object", null);
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            Object additional = schema.get("additionalProperties");
            object.forEach((key, member) -> {
                String at = where + "." + key;
                if (properties.containsKey(key)) {
                    fits(at, member, (Map<String, Object>) properties.get(key), schemas);
                } else if (additional instanceof Map<?, ?> any) {
                    fits(at, member, (Map<String, Object>) any, schemas);
                } else if (!Boolean.TRUE.equals(additional)) {
                    fail("%s is not in its schema, which declares %s", at, properties.keySet());
                }
            });
        } else if (value instanceof List<?> array) {
            assertThat(type).as("%s is an array", where).isEqualTo("array");
            for (int i = 0; i < array.size(); i++) {
                fits(where + "[" + i + "]", array.get(i), (Map<String, Object>) schema.get("items"), schemas);
            }
        } else if (value instanceof String) {
            assertThat(type).as("%s is a string", where).isEqualTo("string");
        } else if (value instanceof Boolean) {
            assertThat(type).as("%s is a boolean", where).isEqualTo("boolean");
        } else if (value instanceof Double) {
            assertThat(type).as("%s is a number", where).isEqualTo("number");
        } else {
            assertThat(type).as("%s (%s) is a number", where, value).isIn("integer", "number");
        }
    }

    private void awaitNoActiveRun() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<?> runs =
                            http.getForEntity("/runs?limit=1", List.class).getBody();
                    return runs.isEmpty() || !"running".equals(((Map<?, ?>) runs.get(0)).get("status"));
                });
    }
}
