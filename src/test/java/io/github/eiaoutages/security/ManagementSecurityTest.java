package io.github.eiaoutages.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.test.util.ReflectionTestUtils;

/** Hawtio and Jolokia are behind the management login; health stays open for probes. */
class ManagementSecurityTest extends SampleAppTest {

    @Autowired
    SecurityProperties security;

    @Autowired
    CamelContext camel;

    @Autowired
    List<SecurityFilterChain> chains;

    /**
     * Camel answers asynchronously; security headers written on the way out raced the commit on another thread and
     * Tomcat sent, now and then, an empty header line that clients reject (spring-security#9175). Every chain writes
     * them before the request is handled.
     */
    @Test
    void every_filter_chain_writes_its_security_headers_before_the_answer() {
        assertThat(chains)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(chain -> assertThat(chain.getFilters())
                        .filteredOn(HeaderWriterFilter.class::isInstance)
                        .singleElement()
                        .satisfies(
                                filter -> assertThat(ReflectionTestUtils.getField(filter, "shouldWriteHeadersEagerly"))
                                        .isEqualTo(true)));
        assertThat(http.getForEntity("/runs", String.class).getHeaders().getFirst("X-Content-Type-Options"))
                .isEqualTo("nosniff");
    }

    @Test
    void hawtio_and_jolokia_refuse_anonymous_callers() {
        assertThat(http.getForEntity("/actuator/hawtio/", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(http.getForEntity("/actuator/jolokia/version", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(http.withBasicAuth("admin", "wrong")
                        .getForEntity("/actuator/hawtio/", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(http.getForEntity("/actuator/health", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void with_no_password_configured_the_generated_one_opens_hawtio() {
        assertThat(security.getUser().isPasswordGenerated()).isTrue();

        ResponseEntity<String> hawtio = admin().getForEntity("/actuator/hawtio/", String.class);

        assertThat(hawtio.getStatusCode().value()).isEqualTo(200);
        assertThat(hawtio.getBody()).containsIgnoringCase("hawtio");
    }

    @Test
    void jolokia_lists_every_route_by_its_id() {
        ResponseEntity<Map> search =
                admin().getForEntity("/actuator/jolokia/search/org.apache.camel:type=routes,*", Map.class);

        assertThat(search.getStatusCode().value()).isEqualTo(200);
        List<String> mbeans = (List<String>) search.getBody().get("value");
        List<String> ids = camel.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(ids)
                .contains("eia-page-loop", "pipeline-run", "raw-parts", "model-build", "data-api", "refresh-api")
                .noneMatch(id -> id.matches("route\\d+"));
        for (String id : ids) {
            assertThat(mbeans).anyMatch(m -> m.contains("name=\"" + id + "\""));
        }
    }

    private org.springframework.boot.test.web.client.TestRestTemplate admin() {
        return http.withBasicAuth(
                security.getUser().getName(), security.getUser().getPassword());
    }
}
