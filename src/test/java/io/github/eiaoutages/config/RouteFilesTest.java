package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The routes the application needs must load, or startup stops saying which are missing, where Camel looked
 * ({@code camel.main.routes-include-pattern}) and what to do; instead of a server that is UP, answers 404 everywhere
 * and never runs.
 */
class RouteFilesTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    private static final Path RELEASE = Path.of("routes");

    @TempDir
    Path work;

    @Test
    void an_empty_routes_folder_stops_startup_naming_the_missing_files_and_where_camel_looked() throws IOException {
        Path routes = Files.createDirectories(work.resolve("routes"));

        InvalidConfigurationException failure = startupFailure(routes);

        assertThat(failure.key()).isEqualTo("camel.main.routes-include-pattern");
        assertThat(failure.getMessage())
                .contains("is 'file:" + routes + "/*.camel.yaml'")
                .contains(routes + " holds no file matching *.camel.yaml (the folder is empty)")
                .contains("missing: ingest.camel.yaml, records.camel.yaml, model.camel.yaml, errors.camel.yaml, "
                        + "api.camel.yaml (whole files)");
        assertThat(failure.action())
                .contains("Restore the missing route files from the release into " + routes)
                .contains("or point camel.main.routes-include-pattern at the folder that holds them");
    }

    @Test
    void a_missing_routes_folder_stops_startup_saying_it_does_not_exist() {
        Path routes = work.resolve("routes");

        InvalidConfigurationException failure = startupFailure(routes);

        assertThat(failure.getMessage())
                .contains("but the folder " + routes + " does not exist; the application needs "
                        + "the release's ingest.camel.yaml, records.camel.yaml, model.camel.yaml, errors.camel.yaml and "
                        + "api.camel.yaml there");
    }

    @Test
    void a_file_without_a_route_the_application_calls_stops_startup_naming_the_route_and_its_file() throws IOException {
        Path routes = copyOfRelease(work.resolve("routes"));
        String records = Files.readString(routes.resolve("records.camel.yaml"));
        Files.writeString(
                routes.resolve("records.camel.yaml"),
                records.substring(0, records.indexOf("- route:\n    id: raw-flush")));

        assertThat(startupFailure(routes).getMessage())
                .contains(
                        routes + " holds alerts.camel.yaml, api.camel.yaml, errors.camel.yaml, "
                                + "ingest.camel.yaml, model.camel.yaml, records.camel.yaml; missing: route raw-flush (of records.camel.yaml)");
    }

    @Test
    void a_routes_folder_that_is_a_link_stops_startup_pointing_at_the_folder_it_links_to() throws IOException {
        Path real = copyOfRelease(work.resolve("release-routes"));
        Path routes = Files.createSymbolicLink(work.resolve("routes"), real);

        assertThat(startupFailure(routes).getMessage())
                .contains(routes + " is a link to " + real.toRealPath()
                        + ", and Camel does not look inside a linked folder (links to files inside a real folder are fine): "
                        + "point the setting at the folder itself, file:" + real.toRealPath() + "/*.camel.yaml");
    }

    /** How a Kubernetes ConfigMap is mounted: links to files in a hidden folder that is swapped on each update. */
    @Test
    void route_files_that_are_links_inside_a_real_folder_start_every_route() throws IOException {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Path version = copyOfRelease(routes.resolve("..2026_11_29_00_00_00.1"));
        Files.createSymbolicLink(routes.resolve("..data"), version.getFileName());
        try (Stream<Path> files = Files.list(version)) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(
                        routes.resolve(file.getFileName()), Path.of("..data").resolve(file.getFileName()));
            }
        }

        try (ConfigurableApplicationContext app = start(routes)) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getRoute("pipeline-run")).isNotNull();
            assertThat(camel.getRoute("data-api")).isNotNull();
            assertThat(TestApps.get(app, "/data").get("title")).isEqualTo("No model yet");
        }
    }

    private InvalidConfigurationException startupFailure(Path routes) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> start(routes).close());
        assertThat(thrown).as("startup with routes from %s", routes).isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("not an InvalidConfigurationException", thrown);
    }

    private ConfigurableApplicationContext start(Path routes) {
        return TestApps.start(
                EIA, work, "route-files-test", "--camel.main.routes-include-pattern=file:" + routes + "/*.camel.yaml");
    }

    private static Path copyOfRelease(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(RELEASE)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
