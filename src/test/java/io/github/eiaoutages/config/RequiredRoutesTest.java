package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of the release's routes are missing, and how that reads. */
class RequiredRoutesTest {

    @Test
    void with_no_routes_loaded_every_file_of_the_release_is_missing() {
        assertThat(RequiredRoutes.describe(RequiredRoutes.missing(r -> false, true), true))
                .isEqualTo("ingest.camel.yaml, records.camel.yaml, model.camel.yaml, errors.camel.yaml, api.camel.yaml "
                        + "(whole files)");
    }

    @Test
    void a_missing_route_is_named_with_the_file_that_holds_it() {
        assertThat(RequiredRoutes.describe(
                        RequiredRoutes.missing(
                                r -> !r.id().equals("raw-flush")
                                        && !r.id().equals("dataset-schedule")
                                        && !r.id().equals("eia-request"),
                                true),
                        true))
                .isEqualTo("route template dataset-schedule, route eia-request (of ingest.camel.yaml); "
                        + "route raw-flush (of records.camel.yaml)");
    }

    @Test
    void the_api_routes_are_needed_only_with_a_web_server() {
        java.util.function.Predicate<RequiredRoutes.Required> allButApi =
                r -> !r.file().equals("api.camel.yaml");

        assertThat(RequiredRoutes.missing(allButApi, false)).isEmpty();
        assertThat(RequiredRoutes.describe(RequiredRoutes.missing(allButApi, true), true))
                .isEqualTo("api.camel.yaml (the whole file)");
        assertThat(RequiredRoutes.files(false))
                .isEqualTo("ingest.camel.yaml, records.camel.yaml, model.camel.yaml and errors.camel.yaml");
    }
}
