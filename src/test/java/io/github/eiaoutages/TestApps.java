package io.github.eiaoutages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/** Whole applications started by a test itself, for tests about startup and restarts. */
public final class TestApps {

    private TestApps() {}

    /** The application with a key, reading from {@code eia}, storing under {@code work}; no schedule, no startup run. */
    public static ConfigurableApplicationContext start(EiaStub eia, Path work, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--camel.main.name=" + name,
                "--pipeline.run-on-startup=false",
                "--pipeline.schedule.enabled=false",
                "--pipeline.eia.api-key=" + name + "-key",
                "--pipeline.eia.requests-per-second=50",
                "--pipeline.eia.base-url=" + eia.baseUrl(),
                "--pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
                "--pipeline.datasets.facility-nuclear-outages.start=2025-01-01",
                "--pipeline.datasets.us-nuclear-outages.start=2025-01-01",
                "--pipeline.storage.data-dir=" + work.resolve("data"),
                "--pipeline.storage.modeled-dir=" + work.resolve("modeled")));
        // An extra argument replaces a default of the same key (Spring would join the two values with a comma).
        for (String argument : extra) {
            String key = argument.contains("=") ? argument.substring(0, argument.indexOf('=') + 1) : argument;
            args.removeIf(a -> a.startsWith(key));
            args.add(argument);
        }
        return new SpringApplicationBuilder(EiaOutagePipelineApplication.class).run(args.toArray(String[]::new));
    }

    /** POST /refresh?wait=true on a started application; the run record it answers with. */
    public static Map<?, ?> refreshAndWait(ConfigurableApplicationContext app) {
        return client(app).post().uri("/refresh?wait=true").retrieve().body(Map.class);
    }

    /** POST /refresh?wait=true&dataset=… ; the run record it answers with, whatever the run's status. */
    public static Map<?, ?> refreshAndWait(ConfigurableApplicationContext app, String dataset) {
        return client(app)
                .post()
                .uri("/refresh?wait=true&dataset={d}", dataset)
                .exchange((request, response) -> response.bodyTo(Map.class));
    }

    /** POST {@code path} (e.g. a /refresh?wait=true with parameters) as a JSON object, whatever the status. */
    public static Map<?, ?> post(ConfigurableApplicationContext app, String path) {
        return client(app).post().uri(path).exchange((request, response) -> response.bodyTo(Map.class));
    }

    /** GET {@code path} as a JSON object, whatever the status. */
    public static Map<?, ?> get(ConfigurableApplicationContext app, String path) {
        return client(app).get().uri(path).exchange((request, response) -> response.bodyTo(Map.class));
    }

    private static RestClient client(ConfigurableApplicationContext app) {
        return RestClient.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }
}
