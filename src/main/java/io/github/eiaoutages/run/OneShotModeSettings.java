package io.github.eiaoutages.run;

import io.github.eiaoutages.config.PipelineMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code --pipeline.mode=ingest-once|model-once} the process must not collide with the app that usually
 * runs on this machine, and should take seconds: no schedule, no startup run (the one-shot runner starts its own),
 * no JMX, logs on stderr; with an EIA key no web server at all, and without one (the bundled sample EIA API is
 * served over HTTP) the web server on a free loopback port instead of 8080.
 */
public class OneShotModeSettings implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty("pipeline.mode", "serve");
        if (!parse(mode).oneShot()) {
            return;
        }
        Map<String, Object> settings = new HashMap<>(Map.of(
                "pipeline.schedule.enabled", "false",
                "pipeline.run-on-startup", "false",
                "server.port", "0",
                "server.address", "127.0.0.1",
                // Logs go to stderr, so stdout carries only the run's one-line summary for the calling script.
                "logging.console.target", "System.err",
                "spring.main.banner-mode", "off",
                // Nobody watches a one-shot run over JMX (Hawtio, Jolokia): registering every route and bean costs
                // time.
                "camel.main.jmx-enabled", "false",
                "spring.jmx.enabled", "false",
                // Noise for a cron log: Camel's warning that it ran "for less than a second", and the generated
                // management password (nobody logs in to a one-shot run).
                "logging.level.org.apache.camel.spring.boot.SpringBootCamelContext", "ERROR",
                "logging.level.org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
                        "ERROR"));
        String key = environment.getProperty("pipeline.eia.api-key", "");
        if (!key.isBlank()) {
            // Reading live EIA (or EIA_BASE_URL) needs no web server: without it, and without the REST routes that
            // would need one, a cron run takes seconds instead of the time a server takes to start. Without a key,
            // the bundled sample EIA API is served over HTTP, so the server stays, on a free loopback port.
            settings.put("spring.main.web-application-type", "none");
            settings.put("camel.main.routes-exclude-pattern", "**/api.camel.yaml");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("pipeline-one-shot-mode", settings));
    }

    /** Lenient here; the configuration binding reports a bad value with the accepted ones. */
    private static PipelineMode parse(String mode) {
        try {
            return PipelineMode.valueOf(mode.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PipelineMode.SERVE;
        }
    }
}
