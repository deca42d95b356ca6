package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The OpenAPI document generated from the REST DSL describes every parameter; Swagger UI is served from the jar. */
class OpenApiDocumentTest extends SampleAppTest {

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
}
