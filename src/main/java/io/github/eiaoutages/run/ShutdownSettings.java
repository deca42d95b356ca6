package io.github.eiaoutages.run;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One setting for a graceful stop: {@code pipeline.shutdown.grace-period} (default 20s) becomes Spring's
 * {@code spring.lifecycle.timeout-per-shutdown-phase} and Camel's {@code camel.main.shutdown-timeout}, with the web
 * server's graceful shutdown on, so no part of the application waits longer than the one the user set.
 */
public class ShutdownSettings implements EnvironmentPostProcessor {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Duration grace = gracePeriod(environment.getProperty("pipeline.shutdown.grace-period"));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "pipeline-shutdown",
                        Map.of(
                                "spring.lifecycle.timeout-per-shutdown-phase",
                                grace.toMillis() + "ms",
                                "camel.main.shutdown-timeout",
                                Long.toString(Math.max(1, grace.toSeconds())),
                                "server.shutdown",
                                "graceful")));
    }

    /** Lenient here; the configuration binding reports a bad value naming the key. */
    static Duration gracePeriod(String text) {
        try {
            return text == null || text.isBlank() ? DEFAULT_GRACE : DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            return DEFAULT_GRACE;
        }
    }
}
