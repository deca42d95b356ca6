package io.github.eiaoutages.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.OwnLiveAppTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** With API_TOKEN set, every API endpoint needs the bearer token; docs, health and the sample API do not. */
@OwnLiveAppTest.Settings({"pipeline.api.token=test-api-token"})
class ApiTokenTest extends OwnLiveAppTest {

    private static final List<String> GETS = List.of(
            "/data", "/plants", "/analytics/top-plants", "/analytics/monthly", "/runs", "/runs/20250101T000000000Z");

    @Test
    void every_api_endpoint_refuses_a_missing_or_wrong_token_with_a_bearer_challenge() {
        for (String path : GETS) {
            ResponseEntity<String> anonymous = call(HttpMethod.GET, path, null);
            assertThat(anonymous.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate"))
                    .as(path)
                    .startsWith("Bearer realm=");
            assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(anonymous.getBody()).contains("Authorization: Bearer <API_TOKEN>");

            ResponseEntity<String> wrong = call(HttpMethod.GET, path, "Bearer test-api-tokeN");
            assertThat(wrong.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(wrong.getHeaders().getFirst("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThat(wrong.getBody()).doesNotContain("test-api-tokeN");

            assertThat(call(HttpMethod.GET, path, "Basic YWRtaW46eA==")
                            .getStatusCode()
                            .value())
                    .as(path)
                    .isEqualTo(401);
        }
        assertThat(call(HttpMethod.POST, "/refresh", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(call(HttpMethod.POST, "/refresh", "Bearer ").getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void the_right_token_opens_them_and_docs_and_health_need_none() {
        EIA.serveGenerator(io.github.eiaoutages.EiaStub.generatorRows(8, java.time.LocalDate.of(2025, 1, 1)));
        assertThat(call(HttpMethod.GET, "/runs", "Bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/runs", "bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        // No model yet: past the token check, the API's own answer.
        assertThat(call(HttpMethod.GET, "/data", "Bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(503);
        assertThat(call(HttpMethod.POST, "/refresh?wait=true", "Bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/data", "Bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        assertThat(call(HttpMethod.GET, "/openapi.json", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/docs/index.html", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        // Open without credentials (the data of this test is old, so the full health is DOWN; liveness is UP).
        assertThat(call(HttpMethod.GET, "/actuator/health/liveness", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/actuator/health", null)
                        .getStatusCode()
                        .value())
                .isIn(200, 503);
        // The API token is not a management credential.
        assertThat(call(HttpMethod.GET, "/actuator/jolokia/version", "Bearer test-api-token")
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String authorization) {
        HttpHeaders headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }
}
