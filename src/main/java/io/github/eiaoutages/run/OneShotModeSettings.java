package io.github.eiaoutages.run;

import io.github.eiaoutages.config.PipelineMode;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code --pipeline.mode=ingest-once|model-once} the process must not collide with the app that usually
 * runs on this machine: no schedule, no startup run (the one-shot runner starts its own), and the web server -
 * which the bundled sample EIA API still needs - on a free loopback port instead of 8080; logs on stderr.
 */
public class OneShotModeSettings implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty("pipeline.mode", "serve");
        if (!parse(mode).oneShot()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("pipeline-one-shot-mode", Map.of(
                "pipeline.schedule.enabled", "false",
                "pipeline.run-on-startup", "false",
                "server.port", "0",
                "server.address", "127.0.0.1",
                // Logs go to stderr, so stdout carries only the run's one-line summary for the calling script.
                "logging.console.target", "System.err",
                "spring.main.banner-mode", "off")));
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
