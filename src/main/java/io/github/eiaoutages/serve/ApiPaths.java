package io.github.eiaoutages.serve;

import java.util.List;

/** The paths of the REST API (routes/api.camel.yaml), as Ant patterns; a test checks them against the REST DSL. */
public final class ApiPaths {

    public static final List<String> PATTERNS = List.of(
            "/data", "/plants", "/analytics/**", "/datasets", "/runs", "/runs/**", "/refresh", "/events", "/events/**");

    private ApiPaths() {}
}
