package io.github.eiaoutages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application with an EIA key and settings of the test class's own ({@link Settings}, on top of
 * {@code live-app.properties}), for tests about a setting that must differ from {@link LiveAppTest}'s: a request
 * ceiling, the API token, schedules, a dataset's windows. The test starts it once for its class ({@link TestApps}) and
 * closes it after the class, so Spring's test context cache never holds it; before each test method its stores are
 * emptied ({@link EmptyStore}) as in {@link LiveAppTest}.
 */
public abstract class OwnLiveAppTest extends LiveApp {

    /** The class's own settings, {@code key=value} as in a properties file, e.g. {@code pipeline.api.token=t}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface Settings {
        String[] value();
    }

    private static ConfigurableApplicationContext app;
    private static Path folder;

    @BeforeEach
    void ownAppWithEmptyStores() {
        if (app == null) {
            folder = TestFolders.create("eia-own-app-");
            app = TestApps.start(EIA, folder, getClass().getSimpleName(), arguments(settings()));
        }
        use(folder);
        http = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")));
        EmptyStore.empty(app, dataDir(), modeledDir());
        EIA.reset();
        EIA.delay(0);
    }

    @AfterAll
    static void closeOwnApp() {
        if (app != null) {
            app.close();
            app = null;
            TestFolders.removeQuietly(folder);
        }
        EIA.reset();
    }

    /**
     * The class's own settings, {@code key=value}: its {@link Settings}; a class whose settings are only known when it
     * runs (a receiver's port) adds them here.
     */
    protected List<String> settings() {
        Settings own = getClass().getAnnotation(Settings.class);
        return own == null ? List.of() : List.of(own.value());
    }

    /** The running application of this class, for its beans. */
    protected static ConfigurableApplicationContext app() {
        return app;
    }

    private static String[] arguments(List<String> own) {
        Properties shared = new Properties();
        try (InputStream in = OwnLiveAppTest.class.getResourceAsStream("/live-app.properties")) {
            shared.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>();
        shared.stringPropertyNames().stream()
                .sorted()
                .forEach(key -> arguments.add("--" + key + "=" + shared.getProperty(key)));
        // TestApps lets a later argument replace an earlier one of the same key.
        own.forEach(setting -> arguments.add("--" + setting));
        arguments.removeIf(a -> a.startsWith("--camel.main.name="));
        return arguments.toArray(String[]::new);
    }
}
