package io.github.eiaoutages.ops;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** LOG_FORMAT=json: every line on the console is a JSON object, so the banner goes. */
public class JsonLogSettings implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json"
                .equalsIgnoreCase(environment
                        .getProperty("logging.console.format", "text")
                        .trim())) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("pipeline-json-logs", Map.of("spring.main.banner-mode", "off")));
        }
    }
}
