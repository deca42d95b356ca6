package io.github.eiaoutages;

import io.github.eiaoutages.config.PipelineProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Settings exactly as the real {@code application.yaml} gives them (bound the way Spring Boot binds it), for tests
 * that build beans without Spring: storage under the test's folder, no schedule, no startup run, small parts, and
 * whatever {@code key=value} overrides a test adds.
 */
public final class TestSettings {

    private TestSettings() {}

    /** application.yaml with the test's folders and {@code overrides} ("pipeline.x.y=value") on top. */
    public static PipelineProperties properties(Path work, String... overrides) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("pipeline.storage.data-dir", work.resolve("data").toString());
        test.put("pipeline.storage.modeled-dir", work.resolve("modeled").toString());
        test.put("pipeline.storage.rows-per-part", "1000");
        test.put("pipeline.schedule.enabled", "false");
        test.put("pipeline.run-on-startup", "false");
        test.put("pipeline.eia.api-key", "");
        test.put("pipeline.eia.base-url", "http://127.0.0.1:9/v2");
        for (String override : overrides) {
            int eq = override.indexOf('=');
            test.put(override.substring(0, eq), override.substring(eq + 1));
        }
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("test", test));
        applicationYaml().forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources),
                ApplicationConversionService.getSharedInstance());
        return binder.bind("pipeline", PipelineProperties.class).get();
    }

    /** The settings with only {@code datasets} configured. */
    public static PipelineProperties properties(Path work, Map<String, PipelineProperties.Dataset> datasets) {
        PipelineProperties p = properties(work);
        return new PipelineProperties(
                p.mode(),
                p.runOnStartup(),
                p.schedule(),
                p.eia(),
                p.storage(),
                p.model(),
                p.shutdown(),
                p.api(),
                p.cluster(),
                p.alerts(),
                datasets);
    }

    /** One dataset entry of application.yaml as bound. */
    public static PipelineProperties.Dataset dataset(String id) {
        return properties(Path.of("target", "unused")).datasets().get(id);
    }

    private static List<PropertySource<?>> applicationYaml() {
        try {
            return new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource("application.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("Tests run from the repository root, next to application.yaml", e);
        }
    }
}
