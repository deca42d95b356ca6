package io.github.eiaoutages.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.LiveAppTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The EIA key reaches EIA and nothing else: no log line at any level, no record, file, metric or endpoint. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends LiveAppTest {

    private static final String KEY = "test-secret-key";
    private static final List<String> LOGGERS = List.of(
            "org.apache.camel",
            "org.apache.hc",
            "io.github.eiaoutages",
            "org.springframework.web",
            "org.eclipse.jetty",
            "ROOT");

    @Autowired
    LoggingSystem logging;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_full_run_at_trace_level_never_prints_or_stores_the_key(CapturedOutput output) throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(6, LocalDate.of(2025, 1, 1)));
        // A failing page too, so error and retry paths log as well; EIA's body echoes the key like the real one.
        EIA.server()
                .stubFor(get(urlPathEqualTo(EiaStub.GENERATOR_PATH))
                        .withQueryParam("offset", equalTo("4"))
                        .inScenario("once")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("done")
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withBody("{\"request\":{\"params\":{\"api_key\":\"" + KEY + "\"}}}")));
        Map<String, Object> run;
        try {
            LOGGERS.forEach(l -> logging.setLogLevel(l, LogLevel.TRACE));
            run = runExpecting("succeeded");
        } finally {
            LOGGERS.forEach(l -> logging.setLogLevel(l, l.equals("ROOT") ? LogLevel.INFO : null));
        }

        assertThat(output.getAll()).contains("api_key=****").doesNotContain(KEY);
        assertThat(run.toString()).doesNotContain(KEY);
        assertThat(camel.getEndpoints()).noneMatch(e -> e.getEndpointUri().contains(KEY));
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().toString().contains(KEY));
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s", file)
                        .doesNotContain(KEY);
            }
        }
    }
}
